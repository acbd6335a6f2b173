// Short answers read against `expecting`, quick-reply payloads and corrections.
#include <gtest/gtest.h>

#include <string>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

using nlohmann::json;

struct AnswerCase {
  const char* text;
  const char* expecting;
  const char* slots;
};

void PrintTo(const AnswerCase& c, std::ostream* os) {
  *os << '[' << c.expecting << "] \"" << c.text << '"';
}

class ShortAnswerTest : public testing::TestWithParam<AnswerCase> {};

TEST_P(ShortAnswerTest, FillsThePendingSlot) {
  const AnswerCase& c = GetParam();
  Understanding u = Understand(c.text, c.expecting);
  EXPECT_EQ(u.slots, json::parse(c.slots)) << "got " << Describe(u);
}

const AnswerCase kAnswers[] = {
    // yes / no -> the slot's affirm / deny value from slots.json
    {"yes", "swelling", R"({"swelling":"yes"})"},
    {"yeah", "injury", R"({"injury":"yes"})"},
    {"yep", "giving_way", R"({"giving_way":"yes"})"},
    {"yes", "locking", R"({"locking":"locked"})"},
    {"yes", "circulation", R"({"circulation":"numb"})"},
    {"yes", "feet", R"({"feet":"flat"})"},
    {"no", "swelling", R"({"swelling":"no"})"},
    {"nope", "injury", R"({"injury":"no"})"},
    {"nah", "calf", R"({"calf":"no"})"},
    {"no", "weight_bearing", R"({"weight_bearing":"no"})"},
    {"not really", "fever", R"({"fever":"no"})"},
    {"no", "aggravators", R"({"aggravators":["none"]})"},
    // a bit -> mild for swelling (and the nearest partial value elsewhere)
    {"a bit", "swelling", R"({"swelling":"mild"})"},
    {"slightly", "swelling", R"({"swelling":"mild"})"},
    {"a little bit", "weight_bearing", R"({"weight_bearing":"limping"})"},
    {"sometimes", "locking", R"({"locking":"catching"})"},
    // hedges -> unsure for enum slots, nothing for numbers
    {"not sure", "injury", R"({"injury":"unsure"})"},
    {"maybe", "swelling", R"({"swelling":"unsure"})"},
    {"dunno", "history", R"({"history":"unsure"})"},
    {"I don't know", "calf", R"({"calf":"unsure"})"},
    {"not sure", "duration", R"({})"},
    // values of the slot itself
    {"left", "side", R"({"side":"left"})"},
    {"the right one", "side", R"({"side":"right"})"},
    {"both", "side", R"({"side":"both"})"},
    {"inside", "location", R"({"location":"inside"})"},
    {"behind", "location", R"({"location":"behind"})"},
    {"gradually", "onset", R"({"onset":"gradual"})"},
    {"stairs and running", "aggravators", R"({"aggravators":["stairs","running"]})"},
    {"7", "severity", R"({"severity":7})"},
    {"about a 6", "severity", R"({"severity":6})"},
    {"about two weeks", "duration", R"({"duration":14})"},
    {"45", "age", R"({"age":45})"},
    // yes/no mean nothing for a slot without an affirm/deny value
    {"yes", "location", R"({})"},
    {"no", "side", R"({})"},
    // words of the message win over the bare answer
    {"no, but it's swollen", "injury", R"({"injury":"no","swelling":"yes"})"},
    {"yes, it swelled up straight away", "swelling", R"({"swelling":"rapid"})"},
    {"yes I fell on it", "injury", R"({"injury":"yes","mechanism":"fall"})"},
    // a bare "left" means nothing unless the side is asked
    {"left", "location", R"({})"},
    // a hedged degree is the degree; a bare hedge is unsure
    {"maybe a little", "swelling", R"({"swelling":"mild"})"},
    {"i think a bit", "swelling", R"({"swelling":"mild"})"},
    {"i think so", "giving_way", R"({"giving_way":"unsure"})"},
    // the answer owns its words: "swollen" asked about the calf is the calf
    {"not sure if it's swollen", "calf", R"({"calf":"unsure"})"},
    {"yeah it's a bit swollen", "calf", R"({"calf":"yes"})"},
    // pain in words, when the score is asked (0 none ... 10 unbearable)
    {"pretty bad", "severity", R"({"severity":7})"},
    {"not too bad", "severity", R"({"severity":3})"},
    {"mild really", "severity", R"({"severity":3})"},
    {"moderate", "severity", R"({"severity":5})"},
    {"really bad", "severity", R"({"severity":8})"},
    {"it's unbearable", "severity", R"({"severity":10})"},
    {"none right now", "severity", R"({"severity":0})"},
    {"about a 6, pretty bad", "severity", R"({"severity":6})"},  // the number wins
    {"pretty bad", "", R"({})"},
    // ages and durations in words
    {"mid thirties", "age", R"({"age":35})"},
    {"the day before yesterday", "duration", R"({"duration":2})"},
    // red-flag answers in everyday words
    {"only with crutches", "weight_bearing", R"({"weight_bearing":"no"})"},
    {"hardly at all", "weight_bearing", R"({"weight_bearing":"no"})"},
    {"it came up in minutes", "swelling", R"({"swelling":"rapid"})"},
    {"the left one is bigger", "calf", R"({"calf":"yes","side":"left"})"},
    {"both, the left worse", "side", R"({"side":"both"})"},
    {"near the other knee", "location", R"({"location":"inside"})"},
    {"in the middle of the kneecap", "location", R"({"location":"front"})"},
};
INSTANTIATE_TEST_SUITE_P(All, ShortAnswerTest, testing::ValuesIn(kAnswers));

TEST(ShortAnswerTest, BareYesNoWithoutExpectingAreIntents) {
  Understanding yes = Understand("yes");
  EXPECT_EQ(yes.intent, "affirm") << Describe(yes);
  EXPECT_TRUE(yes.slots.empty());
  Understanding no = Understand("nope");
  EXPECT_EQ(no.intent, "deny") << Describe(no);
  EXPECT_TRUE(no.slots.empty());
  Understanding unsure = Understand("not sure");
  EXPECT_EQ(unsure.intent, "unsure") << Describe(unsure);
  // A sentence that starts with "no" is not a bare "no".
  EXPECT_FALSE(Understand("no swelling but it's hot").HasIntent("deny"));
}

TEST(PayloadTest, SlotPayloadsFillTheSlot) {
  EXPECT_EQ(Understand("/location=inside").slots, json::parse(R"({"location":"inside"})"));
  EXPECT_EQ(Understand("/duration=21").slots, json::parse(R"({"duration":21})"));
  EXPECT_EQ(Understand("/severity=0").slots, json::parse(R"({"severity":0})"));
  EXPECT_EQ(Understand("/aggravators=stairs").slots, json::parse(R"({"aggravators":["stairs"]})"));
  EXPECT_EQ(Understand("/injury=unsure").slots, json::parse(R"({"injury":"unsure"})"));
  // A list slot takes the hedge too: "Not sure" what makes it worse is an answer.
  EXPECT_EQ(Understand("/aggravators=unsure").slots, json::parse(R"({"aggravators":["unsure"]})"));
  // Payloads do not depend on the question asked.
  EXPECT_EQ(Understand("/side=both", "location").slots, json::parse(R"({"side":"both"})"));
}

TEST(PayloadTest, IntentPayloadsSetTheIntent) {
  Understanding u = Understand("/ask_ice");
  EXPECT_EQ(u.intent, "ask_ice");
  EXPECT_EQ(u.intents, std::vector<std::string>{"ask_ice"});
  EXPECT_TRUE(u.slots.empty());
  EXPECT_EQ(Understand("/restart").intent, "restart");
}

TEST(PayloadTest, MalformedPayloadsMeanNothing) {
  for (const char* p : {"/location=elbow", "/nosuchintent", "/elbow=left", "/severity=11",
                        "/severity=seven", "/age=-4", "/duration=", "/=inside", "/",
                        "/location=inside please", "/aggravators=sometimes", "/ask_ice extra"}) {
    Understanding u = Understand(p);
    EXPECT_TRUE(u.slots.empty()) << p << " got " << Describe(u);
    EXPECT_TRUE(u.intents.empty()) << p << " got " << Describe(u);
    EXPECT_EQ(u.intent, "") << p;
  }
}

struct CorrectionCase {
  const char* text;
  const char* expecting;
  const char* slots;
};

TEST(CorrectionTest, MarksCorrectionsWithTheNewValue) {
  const CorrectionCase cases[] = {
      {"actually it's the outside", "", R"({"location":"outside"})"},
      {"sorry I meant left", "", R"({"side":"left"})"},
      {"no wait, it's the right", "", R"({"side":"right"})"},
      {"no wait, it's the right", "injury", R"({"side":"right"})"},
      {"sorry, it's been 3 weeks not 2", "", R"({"duration":21})"},
      {"oops, I meant below the kneecap", "location", R"({"location":"below_kneecap"})"},
      {"no wait, it's the inside not the outside", "", R"({"location":"inside"})"},
      {"actually i'm 38", "age", R"({"age":38})"},
      {"scratch that, it's my left knee", "side", R"({"side":"left"})"},
  };
  for (const auto& c : cases) {
    Understanding u = Understand(c.text, c.expecting);
    EXPECT_TRUE(u.correction) << c.text << " got " << Describe(u);
    EXPECT_EQ(u.slots, json::parse(c.slots)) << c.text << " got " << Describe(u);
  }
}

TEST(CorrectionTest, PlainAnswersAreNotCorrections) {
  for (const char* text : {"it's the outside", "left", "3 weeks", "sorry", "actually, thanks"}) {
    EXPECT_FALSE(Understand(text, "side").correction) << text;
  }
}

}  // namespace
}  // namespace kneebot::test
