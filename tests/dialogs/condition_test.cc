#include "dialogs/condition.h"

#include <gtest/gtest.h>

#include "tests/testing/data_vocabulary.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;

const test::DataVocabulary& Vocabulary() {
  static const test::DataVocabulary v(std::string(KNEEBOT_SOURCE_DIR) + "/intents/data");
  return v;
}

Condition MustParse(const char* text) {
  json doc = json::parse(text);
  Condition c;
  Status s = Condition::Parse({"t.json"}, doc, "", Vocabulary(), &c);
  EXPECT_TRUE(s.ok()) << text << ": " << s.ToString();
  return c;
}

TEST(ConditionTest, EvaluatesEveryForm) {
  const json slots = {{"location", "inside"},
                      {"duration", 21},
                      {"aggravators", {"stairs", "sitting"}},
                      {"fever", "no"}};
  static const struct {
    const char* condition;
    bool holds;
  } kCases[] = {
      {R"({"slot":"location","is":"inside"})", true},
      {R"({"slot":"location","is":"outside"})", false},
      {R"({"slot":"location","in":["front","inside"]})", true},
      {R"({"slot":"duration","gte":21})", true},
      {R"({"slot":"duration","gte":22})", false},
      {R"({"slot":"duration","lte":21})", true},
      {R"({"slot":"aggravators","is":"stairs"})", true},
      {R"({"slot":"aggravators","in":["downhill","sitting"]})", true},
      {R"({"slot":"aggravators","is":"downhill"})", false},
      {R"({"slot":"age","filled":false})", true},
      {R"({"slot":"age","filled":true})", false},
      {R"({"slot":"age","gte":1})", false},  // empty slot: tests are false
      {R"({"all":[{"slot":"location","is":"inside"},{"slot":"fever","is":"no"}]})", true},
      {R"({"all":[{"slot":"location","is":"inside"},{"slot":"fever","is":"yes"}]})", false},
      {R"({"any":[{"slot":"fever","is":"yes"},{"slot":"duration","gte":7}]})", true},
      {R"({"not":{"slot":"fever","is":"yes"}})", true},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(MustParse(c.condition).Holds(slots), c.holds) << c.condition;
  }
}

TEST(ConditionTest, BadConditionsNameThePath) {
  static const struct {
    const char* condition;
    const char* error;
  } kCases[] = {
      {R"({"slot":"calff","is":"yes"})", "t.json:/slot: unknown slot 'calff'"},
      {R"({"slot":"location","is":"middle"})", "t.json:/is: unknown value 'middle'"},
      {R"({"slot":"location","gte":3})", "t.json:/gte: slot 'location' is not a number"},
      {R"({"slot":"duration","is":"long"})", "t.json:/is: slot 'duration' is a number"},
      {R"({"slot":"fever"})", "t.json:: needs one of"},
      {R"({"all":[]})", "t.json:/all: must be a non-empty array"},
      {R"({"any":[{"slot":"fever","is":"yes"},{"slot":"x","is":"y"}]})",
       "t.json:/any/1/slot: unknown slot 'x'"},
      {R"({"is":"yes"})", "t.json:/slot: missing"},
      {R"([1])", "condition must be an object"},
  };
  for (const auto& c : kCases) {
    json doc = json::parse(c.condition);
    Condition cond;
    Status s = Condition::Parse({"t.json"}, doc, "", Vocabulary(), &cond);
    EXPECT_TRUE(s.IsInvalidArgument()) << c.condition;
    EXPECT_NE(s.message().find(c.error), std::string::npos)
        << c.condition << " -> " << s.ToString();
  }
}

}  // namespace
}  // namespace kneebot
