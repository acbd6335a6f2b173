// Every intent id, in several phrasings, and messages that carry more than one.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

struct IntentCase {
  const char* text;
  const char* intent;  // must be the best intent
};

void PrintTo(const IntentCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

// Intents that change where the conversation goes; never read one by mistake.
const char* const kSteering[] = {"restart",        "goodbye",           "human",
                                 "forget_me",      "out_of_scope_body", "out_of_scope_other",
                                 "urgent_non_knee"};

class IntentTest : public testing::TestWithParam<IntentCase> {};

TEST_P(IntentTest, IsTheBestIntent) {
  const IntentCase& c = GetParam();
  Understanding u = Understand(c.text);
  EXPECT_EQ(u.intent, c.intent) << "got " << Describe(u);
  for (const char* steering : kSteering) {
    if (steering != std::string(c.intent)) {
      EXPECT_FALSE(u.HasIntent(steering)) << steering << " read from \"" << c.text << '"';
    }
  }
}

const IntentCase kIntents[] = {
    {"hi", "greet"},
    {"Hello there", "greet"},
    {"good morning", "greet"},
    {"help", "help"},
    {"what can you do?", "help"},
    {"how does this work", "help"},
    {"start over", "restart"},
    {"can we start again please", "restart"},
    {"reset", "restart"},
    {"bye", "goodbye"},
    {"that's all, goodbye", "goodbye"},
    {"thanks", "thanks"},
    {"thank you so much", "thanks"},
    {"cheers", "thanks"},
    {"I want to talk to a person", "human"},
    {"can I speak to a doctor", "human"},
    {"get me a real human please", "human"},
    {"yes", "affirm"},
    {"yeah", "affirm"},
    {"no", "deny"},
    {"nope", "deny"},
    {"not sure", "unsure"},
    {"dunno", "unsure"},
    {"my knee hurts", "report_knee_pain"},
    {"I have knee pain", "report_knee_pain"},
    {"pain in my left knee", "report_knee_pain"},
    {"I've hurt my knee", "report_knee_pain"},
    {"my shoulder hurts", "out_of_scope_body"},
    {"I have lower back pain", "out_of_scope_body"},
    {"I sprained my ankle", "out_of_scope_body"},
    {"my elbow is sore", "out_of_scope_body"},
    {"what's the weather like?", "out_of_scope_other"},
    {"tell me a joke", "out_of_scope_other"},
    {"order me a pizza", "out_of_scope_other"},
    {"crushing chest pain", "urgent_non_knee"},
    {"I can't breathe", "urgent_non_knee"},
    {"my face is drooping and my speech is slurred", "urgent_non_knee"},
    {"delete my data", "forget_me"},
    {"please forget me", "forget_me"},
    {"what is runner's knee?", "ask_what_is_runners_knee"},
    {"what is patellofemoral pain syndrome", "ask_what_is_runners_knee"},
    {"what causes it?", "ask_causes"},
    {"why does my knee hurt?", "ask_causes"},
    {"should I ice it?", "ask_ice"},
    {"how long should I ice for", "ask_ice"},
    {"can I use a heat pack?", "ask_heat"},
    {"is a hot water bottle ok", "ask_heat"},
    {"ice or heat?", "ask_ice_or_heat"},
    {"should I use ice or heat", "ask_ice_or_heat"},
    {"can I take ibuprofen?", "ask_medicines"},
    {"what painkillers can I take", "ask_medicines"},
    {"are NSAIDs ok?", "ask_medicines"},
    {"what exercises should I do?", "ask_exercises"},
    {"any stretches?", "ask_exercises"},
    {"how do I strengthen my quads", "ask_exercises"},
    {"do I need new shoes?", "ask_shoes"},
    {"would insoles help?", "ask_shoes"},
    {"what about orthotics", "ask_shoes"},
    {"what can I do at home?", "ask_home_care"},
    {"how do I treat it", "ask_home_care"},
    {"how can I look after it myself", "ask_home_care"},
    {"should I wear a knee brace?", "ask_treatments"},
    {"can I still run?", "ask_keep_running"},
    {"I have parkrun on saturday", "ask_keep_running"},
    {"is it ok to keep running", "ask_keep_running"},
    {"what would a doctor do?", "ask_treatments"},
    {"would physio help?", "ask_treatments"},
    {"are injections an option?", "ask_injections"},
    {"should I get a cortisone injection?", "ask_injections"},
    {"will I need surgery?", "ask_surgery"},
    {"do I need an operation", "ask_surgery"},
    {"how long will it take to heal?", "ask_recovery"},
    {"when will it get better", "ask_recovery"},
    {"should I see a doctor?", "ask_when_doctor"},
    {"when should I go to A&E", "ask_when_doctor"},
    {"how is it diagnosed?", "ask_diagnosis"},
    {"do I need an x-ray?", "ask_diagnosis"},
    {"will I need an MRI", "ask_diagnosis"},
    {"are you a bot?", "ask_what_are_you"},
    {"who are you", "ask_what_are_you"},
    {"I don't want to be alive any more", "crisis"},
    {"I've been thinking about killing myself", "crisis"},
    {"i keep cutting myself", "crisis"},
    {"talk about my knee", "knee_help"},
    {"yes, my knee", "knee_help"},
    {"why these causes?", "ask_details"},
    {"tell me more", "ask_details"},
};
INSTANTIATE_TEST_SUITE_P(All, IntentTest, testing::ValuesIn(kIntents));

TEST(IntentCoverageTest, EveryIntentIdIsExercised) {
  std::vector<std::string> covered;
  for (const IntentCase& c : kIntents) covered.push_back(c.intent);
  for (const std::string& id : TheUnderstander().intent_ids()) {
    EXPECT_NE(std::find(covered.begin(), covered.end(), id), covered.end())
        << id << " has no test case";
  }
  EXPECT_EQ(TheUnderstander().intent_ids().size(), 34u);
}

TEST(MultiIntentTest, GreetingAndKneeReport) {
  Understanding u = Understand("Hi! My knee hurts on the inside");
  EXPECT_TRUE(u.HasIntent("greet")) << Describe(u);
  EXPECT_TRUE(u.HasIntent("report_knee_pain")) << Describe(u);
  EXPECT_EQ(u.slots.value("location", ""), "inside");
}

TEST(MultiIntentTest, ThanksAndGoodbye) {
  Understanding u = Understand("thanks, bye");
  EXPECT_TRUE(u.HasIntent("thanks")) << Describe(u);
  EXPECT_TRUE(u.HasIntent("goodbye")) << Describe(u);
}

TEST(MultiIntentTest, QuestionWithSymptoms) {
  Understanding u = Understand("my knee hurts on stairs, can I still run?");
  EXPECT_TRUE(u.HasIntent("report_knee_pain")) << Describe(u);
  EXPECT_TRUE(u.HasIntent("ask_keep_running")) << Describe(u);
  EXPECT_EQ(u.slots["aggravators"], nlohmann::json::array({"stairs"}));
}

TEST(MultiIntentTest, SpecificQuestionHidesTheGeneralOne) {
  // "ice" and "heat" lie inside "ice or heat": only the combined question remains.
  Understanding u = Understand("is ice or heat better?");
  EXPECT_EQ(u.intents, std::vector<std::string>{"ask_ice_or_heat"}) << Describe(u);
}

TEST(KneeReportTest, SlotsAboutTheKneeMeanAReport) {
  Understanding u = Understand("45, inner knee, 3 weeks");
  EXPECT_TRUE(u.HasIntent("report_knee_pain")) << Describe(u);
  // Slots without the knee named (answers to a question) carry no intent.
  EXPECT_TRUE(Understand("on the inside", "location").intents.empty());
}

TEST(OutOfScopeTest, KneeMentionKeepsItInScope) {
  EXPECT_FALSE(Understand("my back hurts and so does my knee").HasIntent("out_of_scope_body"));
  EXPECT_FALSE(Understand("my hip hurts too").HasIntent("out_of_scope_body"));
  EXPECT_FALSE(Understand("I ate pizza and now my knee hurts").HasIntent("out_of_scope_other"));
  // The words about another body part are not knee findings.
  Understanding ankle = Understand("my ankle is swollen");
  EXPECT_TRUE(ankle.HasIntent("out_of_scope_body")) << Describe(ankle);
  EXPECT_TRUE(ankle.slots.empty()) << Describe(ankle);
}

TEST(UrgentTest, CalfAndBreathlessIsAKneeRedFlagNotOutsideTheKnee) {
  Understanding u = Understand("my calf is swollen and I'm short of breath");
  EXPECT_FALSE(u.HasIntent("urgent_non_knee")) << Describe(u);
  EXPECT_EQ(u.slots.value("breathless", ""), "yes");
  EXPECT_EQ(u.slots.value("calf", ""), "yes");

  Understanding chest = Understand("I have crushing chest pain");
  EXPECT_TRUE(chest.HasIntent("urgent_non_knee")) << Describe(chest);
  EXPECT_EQ(chest.slots.value("breathless", ""), "yes");
}

TEST(AmbiguityTest, TiedIntentsLeaveNoBestIntent) {
  Understanding u = Understand("hi hi bye bye");
  ASSERT_GE(u.intents.size(), 2u) << Describe(u);
  if (u.ambiguous) {
    EXPECT_EQ(u.intent, "");
  } else {
    EXPECT_EQ(u.intent, u.intents.front());
  }
  EXPECT_FALSE(Understand("thanks").ambiguous);
}

TEST(RobustnessTest, OddInputIsHarmless) {
  const std::string long_text(100000, 'a');
  for (const std::string& text : {std::string(), std::string("   "), std::string("?!?!"),
                                  std::string("\xff\xfe\x80 broken utf8"), std::string("😀😀"),
                                  long_text, std::string(5000, ' ') + "my knee hurts"}) {
    Understanding u = Understand(text);
    EXPECT_TRUE(u.slots.is_object());
  }
  EXPECT_TRUE(Understand("   my knee hurts   ").HasIntent("report_knee_pain"));
}

TEST(TypoTest, KeywordTyposAreForgiven) {
  EXPECT_TRUE(Understand("can I take ibuprofin").HasIntent("ask_medicines"));
  EXPECT_TRUE(Understand("would physiotherapy hlep").HasIntent("ask_treatments"));
  EXPECT_TRUE(Understand("what about orthotiks").HasIntent("ask_shoes"));
  // Short words are never corrected: "ace" is not "ice".
  EXPECT_FALSE(Understand("ace").HasIntent("ask_ice"));
}

}  // namespace
}  // namespace kneebot::test
