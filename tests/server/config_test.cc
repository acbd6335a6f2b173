#include "bot/config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kneebot {
namespace {

Status Parse(std::vector<const char*> args, Config* config) {
  args.insert(args.begin(), "kneebot");
  return ParseFlags(static_cast<int>(args.size()), args.data(), config);
}

TEST(ConfigTest, DefaultsWhenNoFlags) {
  Config c;
  ASSERT_TRUE(Parse({}, &c).ok());
  EXPECT_EQ(c.server.port, 8080);
  EXPECT_EQ(c.server.bind, "127.0.0.1");
  EXPECT_EQ(c.region, "US");
  EXPECT_EQ(c.session_ttl, std::chrono::minutes(60));
  EXPECT_EQ(c.log_level, "info");
  EXPECT_FALSE(c.help);
}

TEST(ConfigTest, ParsesEveryFlagInBothForms) {
  Config c;
  Status s = Parse({"--port", "0", "--bind=0.0.0.0", "--threads", "3",
                    "--region=UK", "--content-root", "/srv/kb",
                    "--session-ttl-minutes", "15", "--idle-timeout-seconds=45",
                    "--log-level", "debug", "--rate-per-second", "0"},
                   &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(c.server.port, 0);
  EXPECT_EQ(c.server.bind, "0.0.0.0");
  EXPECT_EQ(c.server.threads, 3);
  EXPECT_EQ(c.region, "UK");
  EXPECT_EQ(c.content_root, "/srv/kb");
  EXPECT_EQ(c.intents_dir(), "/srv/kb/intents/data");
  EXPECT_EQ(c.dialogs_dir(), "/srv/kb/dialogs/data");
  EXPECT_EQ(c.web_dir(), "/srv/kb/adapters/web");
  EXPECT_EQ(c.session_ttl, std::chrono::minutes(15));
  EXPECT_EQ(c.server.ws_idle_timeout, std::chrono::seconds(45));
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.server.rate_per_second, 0.0);
}

TEST(ConfigTest, Help) {
  Config c;
  ASSERT_TRUE(Parse({"--help"}, &c).ok());
  EXPECT_TRUE(c.help);
  std::string usage = Usage(c);
  for (const char* flag :
       {"--port", "--bind", "--threads", "--region", "--content-root",
        "--session-ttl-minutes", "--idle-timeout-seconds", "--log-level",
        "--rate-per-second", "--help"}) {
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
  }
}

TEST(ConfigTest, RejectsBadValuesNamingTheFlag) {
  static const struct {
    std::vector<const char*> args;
    const char* expected;
  } kCases[] = {
      {{"--region", "FR"}, "--region: 'FR' is not one of US, UK, EU, AU"},
      {{"--region=us"}, "--region: 'us'"},
      {{"--port", "70000"},
       "--port: '70000' is not a whole number from 0 to 65535"},
      {{"--port", "80x"}, "--port: '80x'"},
      {{"--port", "-1"}, "--port: '-1'"},
      {{"--threads", "0"}, "--threads: '0'"},
      {{"--session-ttl-minutes", "0"}, "--session-ttl-minutes: '0'"},
      {{"--idle-timeout-seconds", "abc"}, "--idle-timeout-seconds: 'abc'"},
      {{"--log-level", "loud"}, "--log-level: 'loud'"},
      {{"--rate-per-second", "-5"}, "--rate-per-second: '-5'"},
      {{"--port"}, "--port: missing value"},
      {{"--colour", "red"}, "unknown flag --colour"},
      {{"serve"}, "unexpected argument 'serve'"},
      {{"--bind="}, "--bind: empty address"},
  };
  for (const auto& c : kCases) {
    Config config;
    Status s = Parse(c.args, &config);
    EXPECT_TRUE(s.IsInvalidArgument()) << c.expected;
    EXPECT_NE(s.message().find(c.expected), std::string::npos)
        << s.message() << " lacks " << c.expected;
  }
}

}  // namespace
}  // namespace kneebot
