#include "bot/session.h"

#include <gtest/gtest.h>

#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

TEST(SessionTest, JsonRoundTripKeepsEveryField) {
  Session s;
  s.id = "abc";
  s.version = 7;
  s.phase = DialogPhase::kAssessed;
  s.slots = {{"location", "inside"}, {"duration", 21}, {"aggravators", {"stairs"}}};
  s.skipped = {"age"};
  s.expecting = "swelling";
  s.attempts = 1;
  s.triage_floor = TriageLevel::kUrgent;
  s.triage_reasons = {"knee locked"};
  s.fired_red_flags = {"U3"};
  s.turns = 4;
  s.created_at = TimePoint(std::chrono::milliseconds(1000));
  s.updated_at = TimePoint(std::chrono::milliseconds(2000));

  Session back;
  ASSERT_KNEEBOT_OK(Session::FromJson(s.ToJson(), &back));
  EXPECT_EQ(back.ToJson(), s.ToJson());
  EXPECT_EQ(back.triage_floor, TriageLevel::kUrgent);
  EXPECT_EQ(back.phase, DialogPhase::kAssessed);
}

TEST(SessionTest, RejectsMalformedJsonNamingTheField) {
  static const struct {
    const char* json;
    const char* expected;
  } kCases[] = {
      {R"([1,2])", "not a JSON object"},
      {R"({"schema":2})", "/schema"},
      {R"({"schema":1,"id":"a","version":1,"phase":"flying","slots":{}})", "/phase"},
      {R"({"schema":1,"id":"a","version":1,"phase":"new","slots":[]})", "/slots"},
      {R"({"schema":1,"version":1,"phase":"new","slots":{}})", "id"},
  };
  for (const auto& c : kCases) {
    Session s;
    Status st = Session::FromJson(nlohmann::json::parse(c.json), &s);
    EXPECT_TRUE(st.IsInvalidArgument()) << c.json;
    EXPECT_NE(st.message().find(c.expected), std::string::npos)
        << c.json << " -> " << st.ToString();
  }
}

}  // namespace
}  // namespace kneebot
