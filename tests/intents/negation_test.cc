// Negation with scope: a negated finding fills the negative value, the scope ends at
// "but", "however" and sentence punctuation, and a negated red flag never comes out
// positive.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

using nlohmann::json;

struct Case {
  const char* text;
  const char* slots;
};

void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class NegationTest : public testing::TestWithParam<Case> {};

// The cases are answers: read as the answer to a checklist, where a finding named on its
// own ("no fever but I feel shivery") is kept (opening a conversation it would be about
// another health problem, scope_test.cc).
TEST_P(NegationTest, ReadsExactlyTheseSlots) {
  Understanding u = Understand(GetParam().text, std::string(kChecklistExpecting));
  EXPECT_EQ(u.slots, json::parse(GetParam().slots)) << "got " << Describe(u);
}

const Case kNegations[] = {
    {"no swelling", R"({"swelling":"no"})"},
    {"not swollen", R"({"swelling":"no"})"},
    {"it isn't swollen", R"({"swelling":"no"})"},
    {"without swelling", R"({"swelling":"no"})"},
    {"haven't fallen", R"({"injury":"no"})"},
    {"didn't fall", R"({"injury":"no"})"},
    {"I didn’t fall", R"({"injury":"no"})"},  // curly apostrophe
    {"never injured it", R"({"injury":"no"})"},
    {"no fever or anything", R"({"fever":"no"})"},
    {"no fever, chills or calf pain", R"({"fever":"no","calf":"no"})"},
    {"I don't have a fever and my calf is fine", R"({"fever":"no","calf":"no"})"},
    {"it doesn't lock or give way", R"({"locking":"no","giving_way":"no"})"},
    {"I haven't had any numbness or tingling", R"({"circulation":"no"})"},
    {"doesn't hurt at night", R"({"night_pain":"no"})"},
    {"no previous injuries", R"({"history":"no"})"},
    {"not hot or red", R"({"hot_knee":"no"})"},
    {"I'm not short of breath", R"({"breathless":"no"})"},
    {"I haven't changed my training", R"({"training_change":"no"})"},
    // Negated words that have no negative value say nothing.
    {"not on the outside", R"({})"},
    {"doesn't hurt on stairs", R"({})"},
    // Scope ends at but / though / however / sentence punctuation.
    {"no swelling but it's hot and red", R"({"swelling":"no","hot_knee":"yes"})"},
    {"no swelling, though it gives way", R"({"swelling":"no","giving_way":"yes"})"},
    {"not swollen. it locks", R"({"swelling":"no","locking":"locked"})"},
    {"no fever however my calf is swollen", R"({"fever":"no","calf":"yes"})"},
    {"didn't fall, bit swollen", R"({"injury":"no","swelling":"mild"})"},
    {"didn't fall but twisted it", R"({"injury":"yes","mechanism":"twist"})"},
    {"no fever but I feel shivery", R"({"fever":"yes"})"},
    {"it's not locking but it clicks", R"({"locking":"catching"})"},
    {"I can walk without limping", R"({"weight_bearing":"yes"})"},
    // A phrase that carries its own "not" is not negated by it.
    {"not swollen and I can't straighten it", R"({"swelling":"no","cant_straighten":"yes"})"},
    // Hedges read as unsure.
    {"I'm not sure if it's swollen", R"({"swelling":"unsure"})"},
    {"don't know whether it gives way", R"({"giving_way":"unsure"})"},
    // ... but a hedged degree keeps its degree.
    {"maybe a little swollen", R"({"swelling":"mild"})"},
    // Triggers after the finding, back to the clause start.
    {"swelling none", R"({"swelling":"no"})"},
    {"fever: none, swelling: none", R"({"fever":"no","swelling":"no"})"},
    {"swelling - no", R"({"swelling":"no"})"},
    {"numbness none, calf is fine", R"({"circulation":"no","calf":"no"})"},
    {"the swelling is fine now", R"({"swelling":"no"})"},
    {"temperature is normal", R"({"fever":"no"})"},
    {"none of it is swollen", R"({"swelling":"no"})"},
    // "free of", "denies", "n't" and "without" as triggers.
    {"free of pins and needles", R"({"circulation":"no"})"},
    {"denies fever or calf pain", R"({"fever":"no","calf":"no"})"},
    {"haven't had a temperature", R"({"fever":"no"})"},
    // Words that look like triggers but negate nothing.
    {"without warning it gave way", R"({"giving_way":"yes"})"},
    {"no one knows why my kneecap popped out", R"({"kneecap_dislocated":"yes"})"},
    {"it won't stop giving way", R"({"giving_way":"yes"})"},
    {"no pain until it gave way on me", R"({"giving_way":"yes"})"},
    {"can't kneel down without it hurting", R"({"aggravators":["kneeling"]})"},
    {"I can walk without it hurting", R"({"weight_bearing":"yes"})"},
    {"I'm not able to weight bear", R"({"weight_bearing":"no"})"},
    {"haven't been able to bend it since", R"({"cant_bend":"yes"})"},
};
INSTANTIATE_TEST_SUITE_P(All, NegationTest, testing::ValuesIn(kNegations));

// Values that would escalate the conversation.
bool Alarming(const std::string& slot, const json& v) {
  static const std::map<std::string, std::set<std::string>> kAlarming = {
      {"fever", {"yes"}},
      {"calf", {"yes"}},
      {"circulation", {"numb", "cold"}},
      {"deformity", {"yes"}},
      {"breathless", {"yes"}},
      {"cant_straighten", {"yes"}},
      {"kneecap_dislocated", {"yes"}},
      {"hot_knee", {"yes"}},
      {"weight_bearing", {"no"}},
      {"locking", {"locked"}},
      {"swelling", {"rapid"}},
      {"giving_way", {"yes"}},
      {"cant_bend", {"yes"}},
      {"mechanism", {"high_energy"}},
      {"high_risk", {"yes"}},
      {"hip_pain", {"yes"}}};
  auto it = kAlarming.find(slot);
  return it != kAlarming.end() && v.is_string() && it->second.count(v.get<std::string>()) > 0;
}

TEST(NegatedRedFlagsTest, NeverComeOutPositive) {
  const char* negated[] = {
      "no fever",
      "I don't have a fever",
      "not feverish, not shivery",
      "no temperature or chills",
      "my calf isn't swollen",
      "no calf pain",
      "no pain or swelling in my calf",
      "no numbness",
      "no pins and needles or tingling",
      "my foot isn't cold or pale",
      "it doesn't look out of place",
      "no deformity",
      "not short of breath",
      "no chest pain",
      "I'm not breathless and not coughing blood",
      "it's not hot",
      "not red or hot",
      "no redness",
      "it doesn't lock",
      "never locks",
      "it hasn't locked",
      "it doesn't give way",
      "no instability",
      "didn't swell up straight away",
      "my kneecap didn't pop out",
      "kneecap hasn't dislocated",
      "no hip pain",
      "hip doesn't hurt",
      "I'm not diabetic",
      "no knee replacement",
      "not on blood thinners",
      "didn't fall off a ladder",
      "wasn't a car crash",
      "no fever, no calf pain, no numbness, not short of breath",
      "neither fever nor chills",
      "without any fever",
      "I haven't felt unwell",
      "no fever or calf swelling, but my knee clicks",
      "the knee isn't deformed and the calf is fine",
      "swelling none, fever none",
      "calf is fine, foot is fine",
      "numbness: none",
      "chest pain: none",
      "fever - no",
      "free of fever",
      "denies calf pain",
  };
  for (const char* text : negated) {
    Understanding u = Understand(text);
    for (const auto& [slot, value] : u.slots.items()) {
      EXPECT_FALSE(Alarming(slot, value)) << '"' << text << "\" read " << slot << "=" << value;
    }
  }
}

// The same checks with the question asked: a negated phrase answers it with "no".
TEST(NegatedRedFlagsTest, AnswerTheQuestionWithNo) {
  struct {
    const char* text;
    const char* expecting;
    const char* slot;
  } cases[] = {{"no fever", "fever", "fever"},
               {"calf isn't swollen", "calf", "calf"},
               {"no numbness", "circulation", "circulation"},
               {"it doesn't give way", "giving_way", "giving_way"},
               {"it doesn't lock", "locking", "locking"}};
  for (const auto& c : cases) {
    Understanding u = Understand(c.text, c.expecting);
    EXPECT_EQ(u.slots.value(c.slot, ""), "no") << c.text << " got " << Describe(u);
  }
}

}  // namespace
}  // namespace kneebot::test
