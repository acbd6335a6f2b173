// Known-answer tests of Slack's v0 signing, with channels.md 4.5's vectors.
#include "adapters/slack/slack_signature.h"

#include <gtest/gtest.h>

#include <chrono>

namespace kneebot {
namespace {

constexpr char kSecret[] = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr char kTimestamp[] = "1531420618";

// Slack's published slash-command example (docs and python-slack-sdk tests).
constexpr char kSlashBody[] =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F3977008"
    "85554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c4"
    "47fce8b6703c";
constexpr char kSlashSignature[] =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

TimePoint At(int64_t unix_seconds) { return TimePoint(std::chrono::seconds(unix_seconds)); }

TEST(SlackSignatureTest, PublishedVector) {
  EXPECT_EQ(SlackSignature(kSecret, kTimestamp, kSlashBody), kSlashSignature);
}

TEST(SlackSignatureTest, SelfComputedVectors) {
  EXPECT_EQ(
      SlackSignature(
          kSecret, kTimestamp,
          R"({"token":"XXYYZZ","team_id":"T123ABC456","api_app_id":"A123ABC456","event":{"type":"message","channel":"D024BE91L","user":"U2147483697","text":"my knee clicks","ts":"1355517523.000005","event_ts":"1355517523.000005","channel_type":"im"},"type":"event_callback","event_id":"Ev123ABC456","event_time":1355517523})"),
      "v0=e7646832d668e3d72d5138a082174476c730e9e91d0bff62f23800062b18953f");
  EXPECT_EQ(
      SlackSignature(
          kSecret, kTimestamp,
          R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})"),
      "v0=f9bd80929259f3f6d5fe3a3186c453c89cd1ad4862815a15837584f31c993652");
}

TEST(SlackSignatureTest, ValidAtItsOwnTime) {
  EXPECT_TRUE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature, kSlashBody,
                                 At(1531420618)).ok());
}

TEST(SlackSignatureTest, ExpiredWithTheRealClock) {
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature, kSlashBody,
                                  std::chrono::system_clock::now()).ok());
}

TEST(SlackSignatureTest, FiveMinutesEitherWayAndNoMore) {
  const int64_t ts = 1531420618;
  EXPECT_TRUE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature, kSlashBody, At(ts + 300)).ok());
  EXPECT_TRUE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature, kSlashBody, At(ts - 300)).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature, kSlashBody, At(ts + 301)).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature, kSlashBody, At(ts - 301)).ok());
}

TEST(SlackSignatureTest, ExtraBodyBytesFail) {
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, kSlashSignature,
                                  std::string(kSlashBody) + "x", At(1531420618)).ok());
}

TEST(SlackSignatureTest, WrongSecretOrSignatureFails) {
  const TimePoint now = At(1531420618);
  EXPECT_FALSE(VerifySlackRequest("another secret", kTimestamp, kSlashSignature, kSlashBody, now).ok());
  std::string flipped = kSlashSignature;
  flipped.back() = flipped.back() == '3' ? '4' : '3';
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, flipped, kSlashBody, now).ok());
  // Upper-case hex, a missing prefix or a truncated one are not what Slack sends.
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, std::string(kSlashSignature).substr(3),
                                  kSlashBody, now).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, "v0=", kSlashBody, now).ok());
}

TEST(SlackSignatureTest, MissingOrOddTimestampFails) {
  const TimePoint now = At(1531420618);
  EXPECT_FALSE(VerifySlackRequest(kSecret, "", kSlashSignature, kSlashBody, now).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, kTimestamp, "", kSlashBody, now).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, "-1531420618", kSlashSignature, kSlashBody, now).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, "1531420618.5", kSlashSignature, kSlashBody, now).ok());
  EXPECT_FALSE(VerifySlackRequest(kSecret, "99999999999999999999", kSlashSignature, kSlashBody, now).ok());
}

}  // namespace
}  // namespace kneebot
