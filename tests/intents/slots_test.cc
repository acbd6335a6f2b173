// Slots from free text: each slot on its own, then several from one message. The
// expected slots are compared whole, so a slot read by mistake fails the test too.
#include <gtest/gtest.h>

#include <string>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

using nlohmann::json;

struct SlotCase {
  const char* text;
  const char* expecting;
  const char* slots;  // the whole slots object, as JSON
};

void PrintTo(const SlotCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class SlotsTest : public testing::TestWithParam<SlotCase> {};

TEST_P(SlotsTest, ReadsExactlyTheseSlots) {
  const SlotCase& c = GetParam();
  Understanding u = Understand(c.text, c.expecting);
  EXPECT_EQ(u.slots, json::parse(c.slots)) << "text: " << c.text << "\n got " << Describe(u);
}

// One slot at a time, in the words people use.
const SlotCase kSingleSlots[] = {
    // location: anatomical and everyday words
    {"pain on the inner side", "", R"({"location":"inside"})"},
    {"it's on the inside", "", R"({"location":"inside"})"},
    {"medial knee pain", "", R"({"location":"inside"})"},
    {"sore along the inside edge", "", R"({"location":"inside"})"},
    {"the outer part hurts", "", R"({"location":"outside"})"},
    {"lateral side", "", R"({"location":"outside"})"},
    {"on the outside of my knee", "", R"({"location":"outside"})"},
    {"pain at the front of my knee", "", R"({"location":"front"})"},
    {"around the kneecap", "", R"({"location":"front"})"},
    {"my kneecap aches", "", R"({"location":"front"})"},
    {"just below the kneecap", "", R"({"location":"below_kneecap"})"},
    {"under the kneecap", "", R"({"location":"below_kneecap"})"},
    {"my patellar tendon is sore", "", R"({"location":"below_kneecap"})"},
    {"behind the knee", "", R"({"location":"behind"})"},
    {"back of my knee", "", R"({"location":"behind"})"},
    {"it hurts all over", "", R"({"location":"all_over"})"},
    {"the whole knee aches", "", R"({"location":"all_over"})"},
    // side
    {"my left knee", "", R"({"side":"left"})"},
    {"the right knee is sore", "", R"({"side":"right"})"},
    {"both knees", "", R"({"side":"both"})"},
    {"left and right", "", R"({"side":"both"})"},
    {"I left work early", "", R"({})"},
    {"right after my run", "", R"({"aggravators":["running"]})"},
    // onset
    {"it came on suddenly", "", R"({"onset":"sudden"})"},
    {"came on gradually over a few weeks", "", R"({"duration":21,"onset":"gradual"})"},
    {"it crept up slowly", "", R"({"onset":"gradual"})"},
    // injury and mechanism
    {"I injured it", "", R"({"injury":"yes"})"},
    {"I fell on it", "", R"({"injury":"yes","mechanism":"fall"})"},
    {"twisted it playing football", "", R"({"injury":"yes","mechanism":"twist"})"},
    {"got kicked in the knee", "", R"({"injury":"yes","mechanism":"blow"})"},
    {"landed awkwardly from a jump", "", R"({"injury":"yes","mechanism":"landing"})"},
    {"I heard a pop", "", R"({"injury":"yes","mechanism":"pop"})"},
    {"car crash", "", R"({"injury":"yes","mechanism":"high_energy"})"},
    {"I fell off a ladder", "", R"({"injury":"yes","mechanism":"high_energy"})"},
    {"it started for no reason", "", R"({"injury":"no"})"},
    // swelling
    {"it's swollen", "", R"({"swelling":"yes"})"},
    {"a bit swollen", "", R"({"swelling":"mild"})"},
    {"slight swelling", "", R"({"swelling":"mild"})"},
    {"it swelled up straight away", "", R"({"swelling":"rapid"})"},
    {"swelled up within an hour", "", R"({"swelling":"rapid"})"},
    // weight bearing
    {"I can walk fine", "", R"({"weight_bearing":"yes"})"},
    {"I'm limping", "", R"({"weight_bearing":"limping"})"},
    {"can't put weight on it", "", R"({"weight_bearing":"no"})"},
    {"I can't walk", "", R"({"weight_bearing":"no"})"},
    // locking
    {"it gets stuck and I can't straighten it", "", R"({"locking":"locked"})"},
    {"it locks", "", R"({"locking":"locked"})"},
    {"it clicks and catches", "", R"({"locking":"catching"})"},
    // giving way
    {"it gives way", "", R"({"giving_way":"yes"})"},
    {"feels unstable", "", R"({"giving_way":"yes"})"},
    // fever
    {"I have a fever", "checklist", R"({"fever":"yes"})"},
    {"feeling shivery", "checklist", R"({"fever":"yes"})"},
    {"I feel unwell", "checklist", R"({"fever":"yes"})"},
    // hot knee, calf, circulation
    {"it's hot and red", "", R"({"hot_knee":"yes"})"},
    {"my calf is swollen", "", R"({"calf":"yes"})"},
    {"calf is painful and red", "", R"({"calf":"yes"})"},
    {"my foot is numb", "checklist", R"({"circulation":"numb"})"},
    {"the pulse on top of my foot is weak", "checklist", R"({"circulation":"cold"})"},
    {"its cold and numb down there", "checklist", R"({"circulation":"cold"})"},
    {"my foot looks blueish", "checklist", R"({"circulation":"cold"})"},
    {"one side of my body is numb", "", R"({})"},
    {"no its warm", "foot_cold", R"({"foot_cold":"no"})"},
    {"a bit paler than the other one", "foot_cold", R"({"foot_cold":"yes"})"},
    {"walking is impossible", "weight_bearing", R"({"weight_bearing":"no"})"},
    {"i can take maybe 2 steps", "weight_bearing", R"({"weight_bearing":"no"})"},
    {"fell out of a tree", "injury", R"({"injury":"yes","mechanism":"high_energy"})"},
    {"my knee has been getting worse and worse", "", R"({"worsening":"yes"})"},
    {"it gets worse on stairs", "", R"({"aggravators":["stairs"]})"},
    {"the pain is stopping me from working", "", R"({"worsening":"yes"})"},
    {"pins and needles", "", R"({"circulation":"numb"})"},
    {"my foot is cold and pale", "", R"({"circulation":"cold"})"},
    {"toes have gone blue", "", R"({"circulation":"cold"})"},
    // aggravators
    {"worse on stairs", "", R"({"aggravators":["stairs"]})"},
    {"hurts after sitting for a long time", "", R"({"aggravators":["sitting"]})"},
    {"squatting hurts", "", R"({"aggravators":["squatting"]})"},
    {"running downhill is the worst", "", R"({"aggravators":["downhill"]})"},
    {"sore after runs", "", R"({"aggravators":["running"]})"},
    {"hurts when jumping", "", R"({"aggravators":["jumping"]})"},
    {"kneeling is painful", "", R"({"aggravators":["kneeling"]})"},
    {"it hurts when twisting", "", R"({"aggravators":["twisting"]})"},
    {"nothing in particular makes it worse", "", R"({"aggravators":["none"]})"},
    // training change, feet, night pain, history
    {"I upped my mileage", "", R"({"training_change":"yes"})"},
    {"I got new shoes", "", R"({"training_change":"yes"})"},
    {"I have flat feet", "", R"({"feet":"flat"})"},
    {"I overpronate", "", R"({"feet":"flat"})"},
    {"it hurts at night", "", R"({"night_pain":"yes"})"},
    {"it aches at rest", "", R"({"night_pain":"yes"})"},
    {"I've lost weight without trying", "checklist", R"({"night_pain":"yes"})"},
    {"old injury", "", R"({"history":"yes"})"},
    {"I had surgery on it years ago", "", R"({"history":"yes"})"},
    {"I have arthritis", "", R"({"history":"yes"})"},
    // internal red-flag slots
    {"it looks out of place", "", R"({"deformity":"yes"})"},
    {"the bone is sticking out", "", R"({"deformity":"yes"})"},
    {"I'm short of breath", "", R"({"breathless":"yes"})"},
    {"coughing up blood", "", R"({"breathless":"yes"})"},
    {"I can't straighten it", "", R"({"cant_straighten":"yes"})"},
    {"can't lift my leg", "", R"({"cant_straighten":"yes"})"},
    {"my kneecap popped out", "", R"({"kneecap_dislocated":"yes"})"},
    {"my hip hurts too", "", R"({"hip_pain":"yes"})"},
    {"groin pain as well", "", R"({"hip_pain":"yes"})"},
    {"I had a knee replacement", "", R"({"high_risk":"yes","history":"yes"})"},
    {"I had an injection in it last week", "", R"({"high_risk":"yes"})"},
    {"I'm diabetic", "", R"({"high_risk":"yes"})"},
    {"I'm immunosuppressed", "", R"({"high_risk":"yes"})"},
    {"I take blood thinners", "", R"({"high_risk":"yes"})"},
    {"can't bend it at all", "", R"({"cant_bend":"yes"})"},
    // Questions about a treatment are not findings.
    {"should I get a knee replacement?", "", R"({})"},
    {"do I need new shoes?", "", R"({})"},
    {"is it arthritis?", "", R"({})"},
};
INSTANTIATE_TEST_SUITE_P(Single, SlotsTest, testing::ValuesIn(kSingleSlots));

// Numbers: duration in days, severity 0-10, age in years.
const SlotCase kQuantities[] = {
    {"for 3 weeks", "", R"({"duration":21})"},
    {"about two weeks", "", R"({"duration":14})"},
    {"a month", "duration", R"({"duration":30})"},
    {"for a month", "", R"({"duration":30})"},
    {"since yesterday", "", R"({"duration":1})"},
    {"two days", "", R"({"duration":2})"},
    {"a couple of weeks", "", R"({"duration":14})"},
    {"a week and a half", "", R"({"duration":11})"},
    {"for 6 months", "", R"({"duration":180})"},
    {"since last week", "", R"({"duration":7})"},
    {"I have a race in 2 weeks", "", R"({})"},
    {"I run 3 days a week", "", R"({})"},
    {"7/10", "", R"({"severity":7})"},
    {"seven out of ten", "", R"({"severity":7})"},
    {"the pain is about a 6", "", R"({"severity":6})"},
    {"6-7/10", "", R"({"severity":7})"},
    {"7", "severity", R"({"severity":7})"},
    {"I'm 45", "", R"({"age":45})"},
    {"45 years old", "", R"({"age":45})"},
    {"45yo", "", R"({"age":45})"},
    {"45", "age", R"({"age":45})"},
    {"forty five", "age", R"({"age":45})"},
    {"45", "", R"({})"},
    {"7", "", R"({})"},
    {"had surgery 5 years ago", "", R"({"history":"yes"})"},
};
INSTANTIATE_TEST_SUITE_P(Quantities, SlotsTest, testing::ValuesIn(kQuantities));

// Several slots from one message.
const SlotCase kMultiSlots[] = {
    {"45, inner knee pain for 3 weeks after runs, bit swollen, didn't fall", "",
     R"({"age":45,"location":"inside","duration":21,"swelling":"mild","injury":"no",
         "aggravators":["running"]})"},
    {"45, inner knee pain for 3 weeks, no swelling", "location",
     R"({"age":45,"location":"inside","duration":21,"swelling":"no"})"},
    {"I'm 32, pain on the outside of my right knee for about a month, worse running downhill", "",
     R"({"age":32,"location":"outside","side":"right","duration":30,
             "aggravators":["downhill"]})"},
    {"twisted my left knee skiing, heard a pop, it swelled up within an hour and now I can't "
     "put weight on it",
     "",
     R"({"side":"left","injury":"yes","mechanism":"twist","swelling":"rapid",
         "weight_bearing":"no"})"},
    {"front of the knee, worse on stairs and after sitting, gradual, 4/10, 35 years old", "",
     R"({"location":"front","aggravators":["stairs","sitting"],"onset":"gradual",
         "severity":4,"age":35})"},
    {"since I upped my mileage I have pain below the kneecap, I have flat feet", "",
     R"({"training_change":"yes","location":"below_kneecap","feet":"flat"})"},
    {"my calf is red and swollen and I'm short of breath", "",
     R"({"calf":"yes","breathless":"yes"})"},
    {"knee is hot and red and I feel feverish, I'm diabetic", "",
     R"({"hot_knee":"yes","fever":"yes","high_risk":"yes"})"},
    {"hurts on stairs, kneeling and squatting", "",
     R"({"aggravators":["stairs","kneeling","squatting"]})"},
    {"the inside of the left knee", "", R"({"location":"inside","side":"left"})"},
    // Red flags in everyday words.
    {"came off my motorbike at speed and landed on my knee", "",
     R"({"mechanism":"high_energy","injury":"yes"})"},
    {"got knocked off my bike by a van", "", R"({"mechanism":"high_energy","injury":"yes"})"},
    {"fell about 3 metres off scaffolding", "", R"({"mechanism":"high_energy","injury":"yes"})"},
    {"my knee swelled up within minutes of the tackle", "",
     R"({"swelling":"rapid","mechanism":"blow","injury":"yes"})"},
    {"within 20 minutes my knee was twice the size", "", R"({"swelling":"rapid"})"},
    {"knee filled up with fluid really quickly", "", R"({"swelling":"rapid"})"},
    {"knee and calf swollen", "", R"({"swelling":"yes","calf":"yes"})"},
    {"my knee is swollen, hot and I feel unwell", "",
     R"({"swelling":"yes","hot_knee":"yes","fever":"yes"})"},
    {"the knee feels really loose", "", R"({"giving_way":"yes"})"},
    {"my foot is a funny colour", "", R"({"circulation":"cold"})"},
    {"i don't have any feeling in my foot", "", R"({"circulation":"numb"})"},
    {"my kneecap moved to the outside", "", R"({"kneecap_dislocated":"yes"})"},
    {"i can't get my knee straight", "", R"({"cant_straighten":"yes"})"},
    {"i can only hop", "", R"({"weight_bearing":"no"})"},
    // Ages, severity and side in words.
    {"i'm in my fifties", "", R"({"age":55})"},
    {"the pain is pretty bad", "", R"({"severity":7})"},
    {"both knees but the right is worse", "", R"({"side":"both"})"},
    {"getting a sharp twinge whenever i pivot", "", R"({"aggravators":["twisting"]})"},
};
INSTANTIATE_TEST_SUITE_P(Multi, SlotsTest, testing::ValuesIn(kMultiSlots));

// Typos in longer words are forgiven; short words are never guessed at.
const SlotCase kTypos[] = {
    {"its a bit swolen", "", R"({"swelling":"mild"})"},
    {"pain on the insdie", "", R"({"location":"inside"})"},
    {"I cant straghten it", "", R"({"cant_straighten":"yes"})"},
    {"i have a fevr", "checklist", R"({"fever":"yes"})"},           // four letters: a letter left out
    {"pain in my calff", "", R"({"calf":"yes"})"},          // a doubled letter
    {"it hurts when i go upstiars", "", R"({"aggravators":["stairs"]})"},
    {"i'm in my teens", "", R"({"age":16})"},               // a real word is never "fixed"
};
INSTANTIATE_TEST_SUITE_P(Typos, SlotsTest, testing::ValuesIn(kTypos));

TEST(SlotValuesTest, EverySlotValueComesFromTheVocabulary) {
  const Understander& u = TheUnderstander();
  const char* texts[] = {"45, inner knee pain for 3 weeks after runs, bit swollen, didn't fall",
                         "twisted it, heard a pop, swelled up straight away, can't walk, locked",
                         "hot and red, fever, calf swollen, foot cold, short of breath"};
  for (const char* text : texts) {
    Understanding r = u.Understand(text, "");
    for (const auto& [slot, value] : r.slots.items()) {
      std::vector<std::string> allowed = u.slot_values(slot);
      ASSERT_TRUE(std::find(u.slot_names().begin(), u.slot_names().end(), slot) !=
                  u.slot_names().end())
          << slot;
      if (value.is_number_integer()) {
        EXPECT_TRUE(allowed.empty()) << slot;
        continue;
      }
      std::vector<std::string> values = value.is_array()
                                            ? value.get<std::vector<std::string>>()
                                            : std::vector<std::string>{value.get<std::string>()};
      for (const auto& v : values) {
        EXPECT_TRUE(v == "unsure" || std::find(allowed.begin(), allowed.end(), v) != allowed.end())
            << slot << "=" << v;
      }
    }
  }
}

}  // namespace
}  // namespace kneebot::test
