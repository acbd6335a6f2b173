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
             {"locking", "no"}, {"giving_way", "no"}, {"calf", "no"}}),
      &session_);
  EXPECT_TRUE(r.expecting.empty()) << Text(r);
  ASSERT_TRUE(r.triage.has_value()) << Text(r);
  EXPECT_EQ(r.triage->level, TriageLevel::kSelfCare);
  ASSERT_FALSE(r.conditions.empty());
  EXPECT_EQ(r.conditions.front().id, "patellofemoral_pain");
  EXPECT_FALSE(r.conditions.front().why.empty());
  EXPECT_FALSE(r.quick_replies.empty());
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

}  // namespace
}  // namespace kneebot
