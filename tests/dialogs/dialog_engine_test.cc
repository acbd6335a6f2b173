// DialogEngine behaviour with scripted understandings over the bundled content, so the
// engine is tested apart from the matcher.
#include "dialogs/dialog_engine.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/testing/data_vocabulary.h"
#include "tests/testing/status_matchers.h"

namespace kneebot {
namespace {

using nlohmann::json;

class DialogEngineTest : public testing::Test {
 protected:
  void SetUp() override {
    static const test::DataVocabulary vocabulary(std::string(KNEEBOT_SOURCE_DIR) +
                                                 "/intents/data");
    ASSERT_KNEEBOT_OK(DialogEngine::Load(
        {std::string(KNEEBOT_SOURCE_DIR) + "/dialogs/data", "UK"}, vocabulary, &engine_));
  }

  static Understanding Slots(json slots) {
    Understanding u;
    u.intent = "report_knee_pain";
    u.intents = {"report_knee_pain"};
    u.slots = std::move(slots);
    return u;
  }
  static Understanding Intent(const std::string& id) {
    Understanding u;
    u.intent = id;
    u.intents = {id};
    return u;
  }
  static std::string Text(const Reply& r) {
    std::string all;
    for (const auto& m : r.messages) all += m + "\n";
    return all;
  }

  std::unique_ptr<DialogEngine> engine_;
  Session session_;
};

TEST_F(DialogEngineTest, GreetingSaysWhatItIsAndAsksAQuestion) {
  Reply r = engine_->Greet(&session_);
  EXPECT_NE(Text(r).find("999"), std::string::npos) << Text(r);
  EXPECT_FALSE(r.expecting.empty());
  EXPECT_FALSE(r.quick_replies.empty());
  EXPECT_FALSE(r.triage.has_value());
}

TEST_F(DialogEngineTest, RedFlagMidQuestionEscalatesAtOnce) {
  Reply first = engine_->Greet(&session_);
  ASSERT_FALSE(first.expecting.empty());
  Reply r = engine_->Step(Slots({{"calf", "yes"}, {"breathless", "yes"}}), &session_);
  ASSERT_TRUE(r.triage.has_value()) << Text(r);
  EXPECT_EQ(r.triage->level, TriageLevel::kEmergency);
  EXPECT_FALSE(r.triage->reasons.empty());
  EXPECT_TRUE(r.expecting.empty());
  EXPECT_NE(Text(r).find("999"), std::string::npos) << Text(r);
  EXPECT_EQ(session_.phase, DialogPhase::kEscalated);

  // Later messages keep the level and do not go back to asking questions.
  Reply later = engine_->Step(Slots({{"swelling", "no"}}), &session_);
  ASSERT_TRUE(later.triage.has_value());
  EXPECT_EQ(later.triage->level, TriageLevel::kEmergency);
  EXPECT_TRUE(later.expecting.empty());
}

TEST_F(DialogEngineTest, UrgentFlagCarriesOnAndAssessmentNeverGoesLower) {
  engine_->Greet(&session_);
  Reply r = engine_->Step(Slots({{"locking", "locked"}}), &session_);
  ASSERT_TRUE(r.triage.has_value());
  EXPECT_EQ(r.triage->level, TriageLevel::kUrgent);
  EXPECT_FALSE(r.expecting.empty()) << "urgent flags keep asking questions";

  // Answer everything with benign values until the assessment comes.
  Reply last = r;
  for (int i = 0; i < 15 && !last.expecting.empty(); ++i) {
    json benign = {{"location", "front"}, {"injury", "no"}, {"onset", "gradual"},
                   {"swelling", "no"}, {"fever", "no"}, {"duration", 3},
                   {"weight_bearing", "yes"}, {"giving_way", "no"}, {"age", 30},
                   {"calf", "no"}, {"side", "left"}, {"severity", 3},
                   {"circulation", "no"}, {"night_pain", "no"}, {"history", "no"},
                   {"feet", "no"}, {"training_change", "no"}, {"aggravators", {"stairs"}}};
    last = engine_->Step(Slots({{last.expecting, benign.value(last.expecting, json("unsure"))}}),
                         &session_);
  }
  ASSERT_TRUE(last.expecting.empty()) << "never reached the assessment";
  ASSERT_TRUE(last.triage.has_value()) << Text(last);
  EXPECT_GE(last.triage->level, TriageLevel::kUrgent);
}

TEST_F(DialogEngineTest, RestartForgetsSymptomsButRemindsOfTheLevelGiven) {
  engine_->Greet(&session_);
  engine_->Step(Slots({{"locking", "locked"}, {"location", "inside"}}), &session_);
  Reply r = engine_->Restart(&session_);
  EXPECT_TRUE(session_.slots.empty());
  ASSERT_TRUE(r.triage.has_value());
  EXPECT_EQ(r.triage->level, TriageLevel::kUrgent);
  EXPECT_FALSE(r.expecting.empty());
}

TEST_F(DialogEngineTest, QuestionMidFlowIsAnsweredThenTheSameQuestionAgain) {
  Reply first = engine_->Greet(&session_);
  Reply r = engine_->Step(Intent("ask_ice"), &session_);
  EXPECT_EQ(r.expecting, first.expecting);
  EXPECT_GT(r.messages.size(), 1u);
  EXPECT_FALSE(r.triage.has_value());
}

TEST_F(DialogEngineTest, UnansweredQuestionIsRetriedThenSkipped) {
  Reply first = engine_->Greet(&session_);
  Reply retry = engine_->Step(Understanding(), &session_);
  EXPECT_EQ(retry.expecting, first.expecting);
  Reply moved = engine_->Step(Understanding(), &session_);
  EXPECT_NE(moved.expecting, first.expecting);
  EXPECT_NE(std::find(session_.skipped.begin(), session_.skipped.end(), first.expecting),
            session_.skipped.end());
}

TEST_F(DialogEngineTest, TypicalFrontKneeCaseGetsSelfCareAndRunnersKnee) {
  engine_->Greet(&session_);
  Reply r = engine_->Step(
      Slots({{"location", "front"}, {"injury", "no"}, {"onset", "gradual"},
             {"swelling", "no"}, {"fever", "no"}, {"duration", 10}, {"age", 28},
             {"aggravators", {"stairs", "squatting"}}, {"weight_bearing", "yes"},
             {"locking", "no"}, {"giving_way", "no"}, {"calf", "no"}, {"night_pain", "no"},
             {"training_change", "no"}, {"cant_bend", "no"}, {"hot_knee", "no"},
             {"severity", 3}}),
      &session_);
  EXPECT_TRUE(r.expecting.empty()) << Text(r);
  ASSERT_TRUE(r.triage.has_value()) << Text(r);
  EXPECT_EQ(r.triage->level, TriageLevel::kSelfCare);
  ASSERT_FALSE(r.conditions.empty());
  EXPECT_EQ(r.conditions.front().id, "patellofemoral_pain");
  EXPECT_FALSE(r.conditions.front().why.empty());
  EXPECT_FALSE(r.quick_replies.empty());
  EXPECT_EQ(r.rule_ids, std::vector<std::string>{}) << "self care rests on no rule";
}

TEST_F(DialogEngineTest, EmergencyOutsideTheKneeStillGetsTheNumber) {
  engine_->Greet(&session_);
  Reply r = engine_->Step(Intent("urgent_non_knee"), &session_);
  ASSERT_TRUE(r.triage.has_value());
  EXPECT_EQ(r.triage->level, TriageLevel::kEmergency);
  EXPECT_NE(Text(r).find("999"), std::string::npos);
}

TEST_F(DialogEngineTest, GoodbyeEndsAndTheNextMessageStartsOver) {
  engine_->Greet(&session_);
  engine_->Step(Slots({{"location", "outside"}}), &session_);
  Reply bye = engine_->Step(Intent("goodbye"), &session_);
  EXPECT_TRUE(bye.ended);
  Reply again = engine_->Step(Slots({{"side", "left"}}), &session_);
  EXPECT_FALSE(again.ended);
  EXPECT_FALSE(session_.slots.contains("location"));
}

// Words a person reads in a reply.
int Words(const Reply& r) {
  int n = 0;
  for (const auto& m : r.messages) {
    bool in_word = false;
    for (char c : m) {
      const bool space = c == ' ' || c == '\n';
      if (!space && !in_word) ++n;
      in_word = !space;
    }
  }
  return n;
}

// Drives a gradual, no-injury case to its assessment.
Reply AssessGradualFront(DialogEngine& engine, Session* s, json extra = json::object()) {
  engine.Greet(s);
  json slots = {{"location", "front"}, {"injury", "no"},   {"duration", 10},
                {"swelling", "no"},    {"age", 28},        {"aggravators", {"stairs"}},
                {"night_pain", "no"},  {"training_change", "no"}, {"locking", "no"},
                {"weight_bearing", "yes"}, {"cant_bend", "no"}, {"severity", 3},
                {"hot_knee", "no"}, {"calf", "no"}};
  slots.update(extra);
  Understanding u;
  u.intents = {"report_knee_pain"};
  u.slots = slots;
  return engine.Step(u, s);
}

TEST_F(DialogEngineTest, TheAssessmentFitsAPhoneScreenWithTheSafetyNetInIt) {
  Reply r = AssessGradualFront(*engine_, &session_);
  ASSERT_TRUE(r.triage.has_value()) << Text(r);
  EXPECT_LE(Words(r), 85) << Text(r);
  EXPECT_NE(Text(r).find("999"), std::string::npos) << "safety net in the first part: " << Text(r);
  EXPECT_NE(Text(r).find("Possible causes"), std::string::npos) << Text(r);
  // Home care and the reasoning follow on request, each ending with the safety line.
  auto has = [&](const char* payload) {
    return std::any_of(r.quick_replies.begin(), r.quick_replies.end(),
                       [&](const QuickReply& q) { return q.payload == payload; });
  };
  EXPECT_TRUE(has("/ask_home_care"));
  EXPECT_TRUE(has("/ask_details"));
  Reply care = engine_->Step(Intent("ask_home_care"), &session_);
  EXPECT_NE(Text(care).find("kneecap"), std::string::npos) << "the top cause's care: " << Text(care);
  EXPECT_NE(care.messages.back().find("999"), std::string::npos) << care.messages.back();
  Reply details = engine_->Step(Intent("ask_details"), &session_);
  EXPECT_NE(Text(details).find("Patellofemoral"), std::string::npos) << Text(details);
  EXPECT_NE(details.messages.back().find("999"), std::string::npos) << details.messages.back();
}

TEST_F(DialogEngineTest, EveryTopicAnswerEndsWithTheSafetyLine) {
  engine_->Greet(&session_);
  for (const char* topic : {"ask_ice", "ask_exercises", "ask_medicines", "ask_home_care",
                            "ask_keep_running", "ask_details"}) {
    Reply r = engine_->Step(Intent(topic), &session_);
    ASSERT_GE(r.messages.size(), 2u) << topic;
    // The safety line comes right after the topic, before going back to the question.
    const bool found = std::any_of(r.messages.begin(), r.messages.end(), [](const std::string& m) {
      return m.rfind("Watch for:", 0) == 0 && m.find("999") != std::string::npos;
    });
    EXPECT_TRUE(found) << topic << ": " << Text(r);
  }
}

// A short answer as the understander reads it: the kind, and the whole-message intent
// ("no" alone is the deny intent; "I can't straighten it" opens with a no but is not).
Understanding Answer(ShortAnswer a, json slots = json::object(), bool payload = false) {
  Understanding u;
  u.answer = a;
  if (slots.empty() && a == ShortAnswer::kNo) u.intents = {"deny"};
  if (slots.empty() && a == ShortAnswer::kUnsure) u.intents = {"unsure"};
  u.slots = std::move(slots);
  u.payload = payload;
  return u;
}

// Brings the session to the injury checklist.
Reply ToInjuryChecklist(DialogEngine& engine, Session* s) {
  engine.Greet(s);
  Understanding u;
  u.intents = {"report_knee_pain"};
  u.slots = {{"location", "inside"}, {"mechanism", "twist"}, {"duration", 2},
             {"swelling", "mild"},   {"age", 30}};
  return engine.Step(u, s);
}

TEST_F(DialogEngineTest, InjuryChecklistScreensTheRedFlagsInOneQuestion) {
  Reply r = ToInjuryChecklist(*engine_, &session_);
  EXPECT_EQ(r.expecting, "weight_bearing");
  for (const char* slot : {"weight_bearing", "deformity", "cant_straighten", "cant_bend",
                           "circulation", "giving_way", "locking", "high_risk"}) {
    EXPECT_NE(std::find(r.asks.begin(), r.asks.end(), slot), r.asks.end()) << slot;
  }
  EXPECT_EQ(r.quick_replies.back().title, "None of these");
  EXPECT_NE(Text(r).find("4 steps"), std::string::npos) << "typed channels see the items";
  // "None of these" answers every item it showed.
  Reply next = engine_->Step(Answer(ShortAnswer::kNo), &session_);
  EXPECT_EQ(session_.slots["deformity"], "no");
  EXPECT_EQ(session_.slots["circulation"], "no");
  EXPECT_EQ(session_.slots["weight_bearing"], "yes");
  EXPECT_NE(next.expecting, "weight_bearing") << Text(next);
}

TEST_F(DialogEngineTest, ChecklistItemsAlreadyKnownAreNotAskedAgain) {
  engine_->Greet(&session_);
  Understanding u;
  u.intents = {"report_knee_pain"};
  u.slots = {{"location", "inside"}, {"mechanism", "twist"}, {"duration", 2},
             {"swelling", "no"},     {"age", 30},            {"giving_way", "yes"},
             {"circulation", "no"}};
  Reply r = engine_->Step(u, &session_);
  ASSERT_EQ(r.expecting, "weight_bearing") << Text(r);
  for (const char* known : {"giving_way", "circulation"}) {
    EXPECT_EQ(std::find(r.asks.begin(), r.asks.end(), known), r.asks.end()) << known;
    EXPECT_EQ(Text(r).find("gives way"), std::string::npos) << Text(r);
  }
}

TEST_F(DialogEngineTest, TypedChecklistAnswerNamingOneItemMeansTheRestDoNot) {
  ToInjuryChecklist(*engine_, &session_);
  Reply r = engine_->Step(Answer(ShortAnswer::kNone, {{"cant_bend", "yes"}}), &session_);
  ASSERT_TRUE(r.triage.has_value()) << Text(r);
  EXPECT_EQ(r.triage->level, TriageLevel::kUrgent);
  EXPECT_EQ(session_.slots["deformity"], "no");
  EXPECT_NE(r.expecting, "weight_bearing");
}

TEST_F(DialogEngineTest, TappedChecklistItemIsFollowedOnceByAnythingElse) {
  ToInjuryChecklist(*engine_, &session_);
  Reply more = engine_->Step(Answer(ShortAnswer::kNone, {{"giving_way", "yes"}}, true), &session_);
  EXPECT_EQ(more.expecting, "weight_bearing") << Text(more);
  EXPECT_EQ(more.quick_replies.back().title, "No, nothing else");
  EXPECT_EQ(std::find(more.asks.begin(), more.asks.end(), "giving_way"), more.asks.end());
  Reply done = engine_->Step(Answer(ShortAnswer::kNo), &session_);
  EXPECT_NE(done.expecting, "weight_bearing") << Text(done);
  EXPECT_EQ(session_.slots["deformity"], "no");
}

TEST_F(DialogEngineTest, ANoThatNamesAnUnknownItemIsNotNoneOfThese) {
  ToInjuryChecklist(*engine_, &session_);
  // "I can't really straighten it": opens with a no, names nothing the matcher knows.
  Understanding u;
  u.answer = ShortAnswer::kNo;
  Reply r = engine_->Step(u, &session_);
  EXPECT_FALSE(session_.slots.contains("cant_straighten")) << Text(r);
  EXPECT_EQ(r.expecting, "weight_bearing") << "asked again: " << Text(r);
}

TEST_F(DialogEngineTest, AFlagGivenBeforeTheAgeIsRaisedWhenAChildsAgeArrives) {
  engine_->Greet(&session_);
  Reply flag = engine_->Step(Slots({{"mechanism", "twist"}, {"swelling", "rapid"}}), &session_);
  ASSERT_TRUE(flag.triage.has_value()) << Text(flag);
  EXPECT_EQ(flag.triage->level, TriageLevel::kUrgent);
  Reply age = engine_->Step(Slots({{"age", 12}}), &session_);
  ASSERT_TRUE(age.triage.has_value()) << Text(age);
  EXPECT_EQ(age.triage->level, TriageLevel::kEmergency) << Text(age);
  EXPECT_NE(std::find(age.rule_ids.begin(), age.rule_ids.end(), "child_emergency"),
            age.rule_ids.end());
}

TEST_F(DialogEngineTest, CrisisMidQuestionDoesNotAnswerTheQuestion) {
  engine_->Greet(&session_);
  engine_->Step(Slots({{"location", "front"}}), &session_);
  ASSERT_EQ(session_.expecting, "injury");
  Understanding u = Intent("crisis");
  u.slots = {{"injury", "no"}};  // the opening "I don't want ..." read as a short answer
  Reply r = engine_->Step(u, &session_);
  EXPECT_EQ(r.scope, Scope::kCrisis);
  EXPECT_FALSE(session_.slots.contains("injury")) << session_.slots.dump();
}

TEST_F(DialogEngineTest, ChecklistNeverReadIsUnknownAndWhenInDoubtEscalates) {
  ToInjuryChecklist(*engine_, &session_);
  Reply again = engine_->Step(Understanding(), &session_);
  EXPECT_EQ(again.expecting, "weight_bearing") << "one re-ask: " << Text(again);
  Reply on = engine_->Step(Understanding(), &session_);
  EXPECT_NE(on.expecting, "weight_bearing") << Text(on);
  EXPECT_EQ(session_.slots["deformity"], "unsure");
  ASSERT_TRUE(on.triage.has_value()) << Text(on);
  EXPECT_EQ(on.triage->level, TriageLevel::kUrgent) << Text(on);
  EXPECT_FALSE(on.rule_ids.empty());
}

TEST_F(DialogEngineTest, AnswerAboutAnotherSlotFillsItAndTheQuestionComesOnceMore) {
  Reply first = engine_->Greet(&session_);
  ASSERT_EQ(first.expecting, "location");
  Reply r = engine_->Step(Slots({{"duration", 14}}), &session_);
  EXPECT_EQ(r.expecting, "location") << Text(r);
  EXPECT_EQ(session_.slots["duration"], 14);
  Reply moved = engine_->Step(Slots({{"side", "left"}}), &session_);
  EXPECT_NE(moved.expecting, "location") << "asked at most twice: " << Text(moved);
  EXPECT_EQ(session_.slots["location"], "unsure");
  EXPECT_EQ(session_.asked["location"], 2);
}

TEST_F(DialogEngineTest, CrisisGetsTheCrisisLineAtOnceWhateverWasAsked) {
  engine_->Greet(&session_);
  Reply r = engine_->Step(Intent("crisis"), &session_);
  EXPECT_EQ(r.scope, Scope::kCrisis);
  EXPECT_NE(Text(r).find("116 123"), std::string::npos) << Text(r);
  EXPECT_NE(Text(r).find("999"), std::string::npos) << Text(r);
  EXPECT_TRUE(r.expecting.empty());
  // "Talk about my knee" carries on with the knee questions.
  Reply knee = engine_->Step(Intent("knee_help"), &session_);
  EXPECT_EQ(knee.scope, Scope::kKnee);
  EXPECT_FALSE(knee.expecting.empty());
}

TEST_F(DialogEngineTest, AnotherBodyPartIsDeclinedWithAnOfferNotAKneeQuestion) {
  engine_->Greet(&session_);
  Reply r = engine_->Step(Intent("out_of_scope_body"), &session_);
  EXPECT_EQ(r.scope, Scope::kOther);
  EXPECT_TRUE(r.expecting.empty()) << Text(r);
  EXPECT_NE(r.messages.back().find("anything about your knee"), std::string::npos) << Text(r);
  ASSERT_EQ(r.quick_replies.size(), 2u);
  Reply no = engine_->Step(Answer(ShortAnswer::kNo), &session_);
  EXPECT_TRUE(no.ended) << Text(no);
}

TEST_F(DialogEngineTest, YesToTheOfferStartsTheKneeQuestions) {
  engine_->Greet(&session_);
  engine_->Step(Intent("out_of_scope_other"), &session_);
  Reply yes = engine_->Step(Answer(ShortAnswer::kYes), &session_);
  EXPECT_EQ(yes.expecting, "location") << Text(yes);
}

TEST_F(DialogEngineTest, EmergencyElsewhereGivesTheNumberAndTheOffer) {
  Reply r = engine_->Step(Intent("urgent_non_knee"), &session_);
  ASSERT_TRUE(r.triage.has_value());
  EXPECT_EQ(r.triage->level, TriageLevel::kEmergency);
  EXPECT_EQ(r.scope, Scope::kOther);
  EXPECT_TRUE(r.expecting.empty());
}

TEST_F(DialogEngineTest, AChildsUrgentFlagIsRaisedToEmergencyButNotTheirLimp) {
  engine_->Greet(&session_);
  Reply r = engine_->Step(Slots({{"age", 10}, {"mechanism", "fall"}, {"swelling", "rapid"}}),
                          &session_);
  ASSERT_TRUE(r.triage.has_value()) << Text(r);
  EXPECT_EQ(r.triage->level, TriageLevel::kEmergency) << Text(r);
  EXPECT_NE(std::find(r.rule_ids.begin(), r.rule_ids.end(), "U2"), r.rule_ids.end());
  EXPECT_NE(std::find(r.rule_ids.begin(), r.rule_ids.end(), "child_emergency"), r.rule_ids.end());

  Session other;
  engine_->Greet(&other);
  Reply limp = engine_->Step(Slots({{"age", 10}, {"injury", "no"}, {"weight_bearing", "limping"}}),
                             &other);
  ASSERT_TRUE(limp.triage.has_value()) << Text(limp);
  EXPECT_EQ(limp.triage->level, TriageLevel::kUrgent) << "U9 already allows for the age";
}

}  // namespace
}  // namespace kneebot
