// Phrasings of the facts that matter most, written the way patients type them: red
// flags said in passing, how a knee moved in the injury (not a deformity), answers given
// as stories. Each case names the slots that must be read (with their values) and the
// slots that must not be read; other slots may be present.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

using nlohmann::json;

struct PhrasingCase {
  const char* text;
  const char* expecting;
  const char* want;    // slots that must be read, as a JSON object
  const char* absent;  // slot names that must not be read, comma separated ("" none)
};

void PrintTo(const PhrasingCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

class PhrasingsTest : public testing::TestWithParam<PhrasingCase> {};

TEST_P(PhrasingsTest, ReadsTheseSlotsAndNotThose) {
  const PhrasingCase& c = GetParam();
  const Understanding u = Understand(c.text, c.expecting);
  const json want = json::parse(c.want);
  for (const auto& [slot, value] : want.items()) {
    EXPECT_EQ(u.slots.value(slot, json()), value)
        << "slot " << slot << " of: " << c.text << "\n got " << Describe(u);
  }
  for (const std::string& slot : Split(c.absent)) {
    EXPECT_FALSE(u.slots.contains(slot))
        << "slot " << slot << " read from: " << c.text << "\n got " << Describe(u);
  }
}

// A foot gone cold, pale or blue, however it is put.
const PhrasingCase kCirculation[] = {
    {"my foot's turned an odd grey colour and it's freezing", "", R"({"circulation":"cold"})", ""},
    {"the toes have gone kind of white", "", R"({"circulation":"cold"})", ""},
    {"it's icy and a bit bluish", "", R"({"circulation":"cold"})", ""},
    {"pale and cold, both", "", R"({"circulation":"cold"})", ""},
    {"my feet are not cold", "", R"({"circulation":"no"})", ""},
    {"foot is warm and pink", "", R"({"circulation":"no"})", ""},
    {"it is cold and grey outside today", "", "{}", "circulation"},
};
INSTANTIATE_TEST_SUITE_P(Circulation, PhrasingsTest, testing::ValuesIn(kCirculation));

// Road accidents and other high-energy injuries.
const PhrasingCase kHighEnergy[] = {
    {"a van pulled out on me when I was cycling and I went over", "",
     R"({"mechanism":"high_energy","injury":"yes"})", ""},
    {"we had a crash on the highway last night", "", R"({"mechanism":"high_energy"})", ""},
    {"road collision on my way to work", "", R"({"mechanism":"high_energy"})", ""},
    {"got rear ended at the lights and my knee hit the dash", "",
     R"({"mechanism":"high_energy"})", ""},
    {"knocked off my bicycle on the way home", "", R"({"mechanism":"high_energy"})", ""},
    {"the car door hit my knee", "", R"({"mechanism":"blow"})", ""},
    {"banged it on the bedside table with a big smash", "", R"({"mechanism":"blow"})", ""},
};
INSTANTIATE_TEST_SUITE_P(HighEnergy, PhrasingsTest, testing::ValuesIn(kHighEnergy));

// Swelling within minutes or an hour or so, with the hedges people add.
const PhrasingCase kRapidSwelling[] = {
    {"it puffed up in like ten mins", "", R"({"swelling":"rapid"})", ""},
    {"within maybe half an hour it was huge", "", R"({"swelling":"rapid"})", ""},
    {"enormous, straight away", "", R"({"swelling":"rapid"})", ""},
    {"within about 15 minutes", "swelling", R"({"swelling":"rapid"})", ""},
    {"it swells after runs and settles in a few hours", "", R"({"swelling":"yes"})", ""},
    {"after 2 hours of running it swells", "", R"({"swelling":"yes"})", ""},
};
INSTANTIATE_TEST_SUITE_P(RapidSwelling, PhrasingsTest, testing::ValuesIn(kRapidSwelling));

// A kneecap that went out and came back is a dislocation, not a knee that looks out of
// place now.
const PhrasingCase kOutAndBack[] = {
    {"my kneecap slipped out sideways and then slid back in by itself", "",
     R"({"kneecap_dislocated":"yes"})", "deformity"},
    {"the kneecap go out to the side, then it go back", "", R"({"kneecap_dislocated":"yes"})",
     "deformity"},
    {"it went out of place for a moment and popped back", "", R"({"kneecap_dislocated":"yes"})",
     "deformity"},
    {"my kneecap is sitting out to the side", "", R"({"kneecap_dislocated":"yes"})", ""},
    {"my knee is dislocated", "", R"({"deformity":"yes"})", ""},
};
INSTANTIATE_TEST_SUITE_P(OutAndBack, PhrasingsTest, testing::ValuesIn(kOutAndBack));

// How the knee bent or twisted in the moment is how it was hurt; only a knee that looks
// wrong now is a deformity.
const PhrasingCase kMovedNotDeformed[] = {
    {"my knee caved inwards when he tackled me", "", R"({"injury":"yes"})", "deformity"},
    {"the leg went backwards as I landed", "", R"({"injury":"yes"})", "deformity"},
    {"my knee got bent the wrong way under him", "", R"({"mechanism":"twist"})", "deformity"},
    {"my leg twisted at a strange angle when I slipped", "", R"({"injury":"yes"})", "deformity"},
    {"it twisted outwards", "", R"({"mechanism":"twist"})", "deformity"},
    {"the knee is still bent the wrong way", "", R"({"deformity":"yes"})", ""},
    {"my leg is bent at an odd angle", "", R"({"deformity":"yes"})", ""},
    {"my kneecap goes sideways when I squat", "", "{}", "mechanism,injury,deformity"},
    {"my recovery went backwards last month", "", "{}", "mechanism,injury"},
    {"it hurts when I make a sharp turn", "", "{}", "mechanism,injury"},
    {"it aches when I land from jumps", "", "{}", "mechanism,injury"},
};
INSTANTIATE_TEST_SUITE_P(MovedNotDeformed, PhrasingsTest, testing::ValuesIn(kMovedNotDeformed));

// Other red flags said in passing.
const PhrasingCase kOtherFlags[] = {
    // breathlessness, as an answer and denied
    {"nope", "breathless", R"({"breathless":"no"})", ""},
    {"no chest problems", "breathless", R"({"breathless":"no"})", ""},
    {"yes", "breathless", R"({"breathless":"yes"})", ""},
    {"my breathing's terrible today", "checklist", R"({"breathless":"yes"})", ""},
    // the calf, a few words from what it looks like
    {"my calf below the knee has gone all puffy and red", "", R"({"calf":"yes"})", "hot_knee"},
    {"it's the calf that is swollen, not the knee", "swelling", R"({"calf":"yes"})", ""},
    {"the calf is fine, no swelling", "", R"({"calf":"no"})", ""},
    {"swelling down into my calf", "", R"({"calf":"yes"})", ""},
    // fever
    {"temperature was 38.4 this morning", "checklist", R"({"fever":"yes"})", ""},
    {"I just feel a bit off in myself", "checklist", R"({"fever":"yes"})", ""},
    {"my knee feels a bit off", "", "{}", "fever"},
    {"I can bend it to about 40 degrees", "", "{}", "fever"},
    {"ran 38.5 km last week", "", "{}", "fever"},
    // a hot knee
    {"it's puffy and warm to the touch", "", R"({"hot_knee":"yes"})", ""},
    {"definitely warmer than the other one", "", R"({"hot_knee":"yes"})", ""},
    {"I stretch and warm up before runs", "", "{}", "hot_knee"},
    // high risk
    {"the knee was replaced four years ago", "", R"({"high_risk":"yes"})", ""},
    {"I'm two weeks post op", "", R"({"high_risk":"yes"})", ""},
    {"had a cortisone shot, the injection was 6 days ago", "", R"({"high_risk":"yes"})", ""},
    {"she takes methotrexate", "", R"({"high_risk":"yes"})", ""},
    {"I'm on blood thinning pills", "", R"({"high_risk":"yes"})", ""},
    {"do I need a replacement?", "", "{}", "high_risk"},
    // night pain and weight loss
    {"nights are the worst", "checklist", R"({"night_pain":"yes"})", ""},
    {"it wakes him up crying at 3am", "checklist", R"({"night_pain":"yes"})", ""},
    {"I've dropped about 5 kilos without trying", "checklist", R"({"night_pain":"yes"})", ""},
    {"it hurts when sitting for a long time", "", "{}", "night_pain"},
    {"I go running at 5am", "", "{}", "night_pain"},
    // giving way
    {"it sometimes folds under me", "", R"({"giving_way":"yes"})", ""},
    // can't bend to a right angle, can't straighten
    {"bending it is a no go", "", R"({"cant_bend":"yes"})", ""},
    {"it won't bend past about halfway", "", R"({"cant_bend":"yes"})", ""},
    {"it only bends to about 45 degrees", "", R"({"cant_bend":"yes"})", ""},
    {"it barely bends", "", R"({"cant_bend":"yes"})", ""},
    {"it bends past halfway fine", "", "{}", "cant_bend"},
    {"I can't bend it fully", "", "{}", "cant_bend"},
    {"he can't lift his leg straight", "", R"({"cant_straighten":"yes"})", ""},
    {"it won't go all the way straight", "", R"({"cant_straighten":"yes"})", ""},
    // walking
    {"I can't manage even two steps", "", R"({"weight_bearing":"no"})", ""},
    {"not even one step", "", R"({"weight_bearing":"no"})", ""},
    {"I have to hop everywhere", "", R"({"weight_bearing":"no"})", ""},
    {"can't put my foot down", "", R"({"weight_bearing":"no"})", ""},
    {"walking is totally fine", "", R"({"weight_bearing":"yes"})", ""},
    {"walking, but with a bit of a limp", "", R"({"weight_bearing":"limping"})", ""},
    {"can't even walk round the block without stopping", "",
     R"({"weight_bearing":"limping"})", ""},
    {"he hopped off the bus and felt it go", "", "{}", "weight_bearing"},
};
INSTANTIATE_TEST_SUITE_P(OtherFlags, PhrasingsTest, testing::ValuesIn(kOtherFlags));

// Facts told as part of a story, in the opening or in an answer to another question.
const PhrasingCase kStories[] = {
    // ages
    {"my granddaughter (9) fell off the trampoline", "", R"({"age":9})", ""},
    {"my husband is 58 and his knee swelled up", "", R"({"age":58})", ""},
    {"I'm a cyclist (41), sore kneecap", "", R"({"age":41})", ""},
    {"27f, knee aches on stairs", "", R"({"age":27})", ""},
    {"41 yrs", "age", R"({"age":41})", "duration"},
    {"I am 52 years", "age", R"({"age":52})", "duration"},
    {"I run 4 times a week", "", "{}", "age"},
    // durations
    {"Yesterday evening I slipped on the stairs", "", R"({"duration":1})", ""},
    {"rugby match last night, got my knee twisted in a ruck", "", R"({"duration":1})", ""},
    {"month ago I started feeling it", "", R"({"duration":30})", ""},
    {"had my knee scoped 12 days ago and it's still puffy", "", R"({"duration":12})", ""},
    {"I had an operation on it years ago", "", "{}", "duration"},
    {"had surgery on it 4 years ago, now it aches", "", "{}", "duration"},
    // injury denied or stated
    {"she hasn't hurt it as far as I know", "", R"({"injury":"no"})", ""},
    {"never banged it or anything", "", R"({"injury":"no"})", ""},
    {"I think I hurt my knee", "", R"({"injury":"yes"})", ""},
    {"rolled my knee awkwardly getting out of the car", "", R"({"mechanism":"twist"})", ""},
    // walking and standing
    {"can't stand on my right leg at all", "", R"({"weight_bearing":"no"})", ""},
    {"walking and running are totally normal", "", R"({"weight_bearing":"yes"})", ""},
    // hip or groin, when answering yes
    {"yes, his groin hurts", "", R"({"hip_pain":"yes"})", ""},
    {"my hip doesn't hurt", "", "{}", "hip_pain"},
    // changes in training, told as stories
    {"I upped my mileage a lot this month", "", R"({"training_change":"yes"})", ""},
    {"way more hill running lately", "", R"({"training_change":"yes"})", ""},
    {"yes, the track is new for me", "", R"({"training_change":"yes"})", ""},
    {"went from 20 to 45 km a week, up from 20", "", R"({"training_change":"yes"})", ""},
    {"I started commuting by bike", "", R"({"training_change":"yes"})", ""},
    // an open wound
    {"the skin is split open and you can see something white", "", R"({"deformity":"yes"})", ""},
};
INSTANTIATE_TEST_SUITE_P(Stories, PhrasingsTest, testing::ValuesIn(kStories));

// When it started, said loosely: hours, parts of the day, shorthand.
const PhrasingCase kWhenItStarted[] = {
    {"roughly an hour", "duration", R"({"duration":0})", ""},
    {"like 3 hours ago", "duration", R"({"duration":0})", ""},
    {"a couple of hours", "duration", R"({"duration":0})", ""},
    {"72 hours or so", "duration", R"({"duration":3})", ""},
    {"this evening at training", "duration", R"({"duration":0})", ""},
    {"since lunchtime", "duration", R"({"duration":0})", ""},
    {"bout a week", "duration", R"({"duration":7})", ""},
    {"yday", "duration", R"({"duration":1})", ""},
    {"at yesterday's session", "duration", R"({"duration":1})", ""},
    {"it has been aching for about an hour", "", R"({"duration":0})", ""},
    {"I cycle for about 3 hours on saturdays", "", "{}", "duration"},
    {"it aches after 2 hours of walking", "", "{}", "duration"},
};
INSTANTIATE_TEST_SUITE_P(WhenItStarted, PhrasingsTest, testing::ValuesIn(kWhenItStarted));

// A statement of facts names topics without asking about them.
TEST(TopicTest, AStatementAsksNothing) {
  for (const auto& [text, expecting] : std::vector<std::pair<const char*, const char*>>{
           {"during the match this morning", "duration"},
           {"yes, I had a cortisone injection in it 5 days ago", ""},
           {"yes, I slipped on some ice", "injury"},
           {"44. been icing it and resting for weeks, no better", "age"},
       }) {
    Understanding u = Understand(text, expecting);
    EXPECT_FALSE(u.slots.empty()) << '"' << text << "\" got " << Describe(u);
    for (const std::string& intent : u.intents) {
      EXPECT_NE(intent.rfind("ask_", 0), 0u) << '"' << text << "\" got " << Describe(u);
    }
  }
  // A question still asks, facts or not.
  EXPECT_TRUE(Understand("3 weeks, can I still do my parkrun?", "duration")
                  .HasIntent("ask_keep_running"));
  EXPECT_TRUE(Understand("should I ice it, it's swollen").HasIntent("ask_ice"));
}

// Answers given as stories or hedges rather than the words of the question.
const PhrasingCase kStoryAnswers[] = {
    {"the instant I landed on it", "onset", R"({"onset":"sudden"})", ""},
    {"it began in that match", "onset", R"({"onset":"sudden"})", ""},
    {"within a split second", "onset", R"({"onset":"sudden"})", ""},
    {"only mildly", "swelling", R"({"swelling":"mild"})", ""},
    {"not that I've noticed", "swelling", R"({"swelling":"no"})", ""},
    {"not the knee, no, just the ankle", "swelling", R"({"swelling":"no"})", ""},
    {"there wasn't an injury as such", "injury", R"({"injury":"no"})", ""},
    {"not that he's told me", "injury", R"({"injury":"no"})", ""},
    {"totally clean record", "history", R"({"history":"no"})", ""},
    {"it was always fine before this", "history", R"({"history":"no"})", ""},
    {"I twisted the same knee a few years back", "history", R"({"history":"yes"})", ""},
    {"yes, a sudden jump in my weekly miles", "", R"({"training_change":"yes"})", ""},
    {"from two sessions a week to five", "", R"({"training_change":"yes"})", ""},
    {"switched from treadmill to trails", "", R"({"training_change":"yes"})", ""},
    {"a big increase in the swelling", "", "{}", "training_change"},
    {"inner side, a little under the joint", "location", R"({"location":"inside_below"})", ""},
    {"on the inside, down on the shin bone", "location", R"({"location":"inside_below"})", ""},
    {"the inner side", "location", R"({"location":"inside"})", ""},
};
INSTANTIATE_TEST_SUITE_P(StoryAnswers, PhrasingsTest, testing::ValuesIn(kStoryAnswers));

// Sentences that open like a short answer but say something else.
TEST(ShortAnswerOpenersTest, ASentenceIsNoYesOrNo) {
  // "I have got ..." is no "yes" to the injury question.
  Understanding head = Understand("I've got a migraine as well", "injury");
  EXPECT_FALSE(head.slots.contains("injury")) << Describe(head);
  EXPECT_EQ(head.answer, ShortAnswer::kNone) << Describe(head);
  EXPECT_TRUE(head.HasIntent("out_of_scope_body")) << Describe(head);
  // "I can't ..." names what cannot be done; it is no "none of these".
  Understanding cant = Understand("I can't really straighten it fully", "");
  EXPECT_NE(cant.answer, ShortAnswer::kNo) << Describe(cant);
  EXPECT_EQ(cant.slots.value("cant_straighten", ""), "yes") << Describe(cant);
  // Alone, or with another answer after them, they still answer.
  EXPECT_EQ(Understand("it is, a bit", "swelling").slots.value("swelling", ""), "mild");
  EXPECT_EQ(Understand("I have", "injury").slots.value("injury", ""), "yes");
  EXPECT_EQ(Understand("i can't", "weight_bearing").slots.value("weight_bearing", ""), "no");
}

// "It" after the foot is the foot: "but it's warm" is no hot knee.
TEST(PronounTest, ItAfterTheFootIsTheFoot) {
  // Answers to the checklist (opening a conversation, toes and feet are other parts).
  const std::string answer(kChecklistExpecting);
  Understanding u = Understand("tingling in my toes, though they feel warm", answer);
  EXPECT_EQ(u.slots.value("circulation", ""), "numb") << Describe(u);
  EXPECT_FALSE(u.slots.contains("hot_knee")) << Describe(u);
  Understanding v = Understand("my foot is numb but it's warm", answer);
  EXPECT_EQ(v.slots.value("circulation", ""), "numb") << Describe(v);
  EXPECT_FALSE(v.slots.contains("hot_knee")) << Describe(v);
}

// A question about a day ahead is no duration: "can I race on sunday?".
TEST(WeekdayQuestionTest, ADayAheadIsNoDuration) {
  const Understander& u = TheUnderstander();
  EXPECT_FALSE(u.Understand("should I skip my long run on sunday?", "duration", Weekday::kTuesday)
                   .slots.contains("duration"));
  EXPECT_EQ(u.Understand("on sunday", "duration", Weekday::kTuesday).slots.value("duration", -1),
            2);
}

}  // namespace
}  // namespace kneebot::test
