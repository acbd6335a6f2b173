// Scope both ways (knee complaints written every which way enter the knee flow; other
// body parts, other requests and other languages stay out of it), the phrasings issue 3
// names as weak spots, and the day-of-week overload of Understand.
#include <gtest/gtest.h>

#include <string>

#include "tests/intents/understander_fixture.h"

namespace kneebot::test {
namespace {

const char* const kSteering[] = {"restart",        "goodbye",           "human",
                                 "forget_me",      "out_of_scope_body", "out_of_scope_other",
                                 "urgent_non_knee"};

struct Case {
  const char* text;
  const char* intent;  // must be the best intent
};

void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class WeakSpotTest : public testing::TestWithParam<Case> {};

TEST_P(WeakSpotTest, IsTheBestIntent) {
  const Case& c = GetParam();
  Understanding u = Understand(c.text);
  EXPECT_EQ(u.intent, c.intent) << "got " << Describe(u);
  for (const char* steering : kSteering) {
    if (steering != std::string(c.intent)) {
      EXPECT_FALSE(u.HasIntent(steering)) << steering << " read from \"" << c.text << '"';
    }
  }
}

const Case kWeakSpots[] = {
    {"what am I supposed to type", "help"},
    {"I don't get how this works", "help"},
    {"how am i meant to use this thing", "help"},
    {"options please", "help"},
    {"erase everything you have on me", "forget_me"},
    {"please wipe whatever you've stored about me", "forget_me"},
    {"i don't want you keeping any of my info", "forget_me"},
    {"what could cause this", "ask_causes"},
    {"what usually brings this sort of thing on", "ask_causes"},
    {"what causes runner's knee", "ask_causes"},
    {"can they inject it", "ask_injections"},
    {"is a steroid shot worth trying", "ask_injections"},
    {"do I have runner's knee", "ask_diagnosis"},
    {"is this runner's knee or something worse", "ask_diagnosis"},
    {"could i have torn something", "ask_diagnosis"},
    {"is it a tear or just a strain", "ask_diagnosis"},
    {"what is runner's knee", "ask_what_is_runners_knee"},
    {"i've got runner's knee", "report_knee_pain"},
    {"can we reset", "restart"},
    {"can i do my 10k on sunday", "ask_keep_running"},
    {"when will i be able to run again", "ask_keep_running"},
    {"is rest enough", "ask_home_care"},
};
INSTANTIATE_TEST_SUITE_P(All, WeakSpotTest, testing::ValuesIn(kWeakSpots));

// Knee complaints with or without the word "knee", and with unrelated words in them.
TEST(ScopeTest, KneeComplaintsEnterTheKneeFlow) {
  for (const char* text : {
           "the bit under my kneecap throbs after parkrun",
           "it clicks when I squat",
           "aches on the inside when i cycle",
           "it hurts going down stairs",
           "can't kneel down without it hurting",
           "running makes it worse",
           "it's been aching since the flight home",
           "i was on holiday and it started hurting",
           "my knee and my hip both ache",
           "my knee is sore and so is my ankle",
           "I can't walk properly",
           "swelled up within minutes",
       }) {
    Understanding u = Understand(text);
    EXPECT_TRUE(u.HasIntent("report_knee_pain")) << '"' << text << "\" got " << Describe(u);
    EXPECT_FALSE(u.HasIntent("out_of_scope_body")) << '"' << text << "\" got " << Describe(u);
    EXPECT_FALSE(u.HasIntent("out_of_scope_other")) << '"' << text << "\" got " << Describe(u);
  }
}

TEST(ScopeTest, OtherBodyPartsStayOut) {
  for (const char* text : {
           "my shoulder clicks when i lift my arm",
           "lower back has been really achy after gardening",
           "my neck's been stiff since i slept funny",
           "my stomach's been cramping all day",
           "my elbow throbs after tennis",
           "my ankle keeps rolling when i run",
           "my skin is peeling and sore",
           "my knee is fine, it's my ankle",
           "not my knee, my hip is the problem",
           "i have a sore throat and a cough",
       }) {
    Understanding u = Understand(text);
    EXPECT_EQ(u.intent, "out_of_scope_body") << '"' << text << "\" got " << Describe(u);
    EXPECT_FALSE(u.HasIntent("report_knee_pain")) << '"' << text << "\" got " << Describe(u);
    EXPECT_TRUE(u.slots.empty()) << '"' << text << "\" got " << Describe(u);
  }
  // Asked about the hip, the hip is part of the knee conversation.
  Understanding hip = Understand("my hip hurts", "hip_pain");
  EXPECT_FALSE(hip.HasIntent("out_of_scope_body")) << Describe(hip);
  EXPECT_EQ(hip.slots.value("hip_pain", ""), "yes");
}

TEST(ScopeTest, OtherRequestsStayOut) {
  for (const char* text : {"set an alarm for 7am", "play some music", "tell me something funny",
                           "how do i get to the train station",
                           "can you help me with my maths homework"}) {
    Understanding u = Understand(text);
    EXPECT_EQ(u.intent, "out_of_scope_other") << '"' << text << "\" got " << Describe(u);
  }
}

TEST(ScopeTest, LanguagesTheBotDoesNotSpeak) {
  for (const char* text : {
           "me duele mucho la rodilla cuando corro",  // Spanish
           "meu joelho está inchado há 3 dias",       // Portuguese
           "j'ai mal au genou depuis une semaine",    // French
           "ich habe seit zwei Wochen Knieschmerzen",  // German
           "ho male al ginocchio da una settimana",   // Italian
           "mijn knie doet pijn",                     // Dutch
           "bonjour",
       }) {
    Understanding u = Understand(text, "location");
    EXPECT_EQ(u.intents, std::vector<std::string>{"out_of_scope_other"})
        << '"' << text << "\" got " << Describe(u);
    EXPECT_TRUE(u.slots.empty()) << '"' << text << "\" got " << Describe(u);
  }
  // One foreign word in an English message changes nothing.
  Understanding u = Understand("I said gracias to the physio but my knee still hurts");
  EXPECT_TRUE(u.HasIntent("report_knee_pain")) << Describe(u);
  EXPECT_FALSE(u.HasIntent("out_of_scope_other")) << Describe(u);
}

TEST(ScopeTest, AlarmingProblemsOutsideTheKnee) {
  for (const char* text : {"i've got a crushing pain in my chest and my left arm feels heavy",
                           "my husband's face has dropped on one side and his speech is slurred",
                           "my mum is confused and can't lift her right arm",
                           "gasping for air and my lips are blue"}) {
    Understanding u = Understand(text);
    EXPECT_EQ(u.intent, "urgent_non_knee") << '"' << text << "\" got " << Describe(u);
    EXPECT_FALSE(u.HasIntent("report_knee_pain")) << '"' << text << "\" got " << Describe(u);
  }
}

// Other health problems with no part named are out of scope too, and what they say
// about how long or which side belongs to them, not to a knee.
TEST(ScopeTest, OtherHealthProblemsStayOut) {
  for (const char* text : {
           "been throwing up all night",
           "I've had diarrhoea since monday, 4 days now",
           "my ears keep ringing after the gig",
           "getting migraines most weekends",
           "worried all the time and can't switch my mind off",
           "always exhausted even after a full night",
           "I need a repeat prescription",
           "my hair is thinning at 25",
           "no energy to do anything lately",
           "things look blurry when I read",
       }) {
    Understanding u = Understand(text);
    EXPECT_TRUE(u.HasIntent("out_of_scope_other") || u.HasIntent("out_of_scope_body"))
        << '"' << text << "\" got " << Describe(u);
    EXPECT_FALSE(u.HasIntent("report_knee_pain")) << '"' << text << "\" got " << Describe(u);
    EXPECT_TRUE(u.slots.empty()) << '"' << text << "\" got " << Describe(u);
  }
  // Another part named, nothing else said: out of scope.
  Understanding wrist = Understand("thoughts on my wrist?");
  EXPECT_EQ(wrist.intent, "out_of_scope_body") << Describe(wrist);
  // "too much" is not "too" (as well).
  Understanding elbow = Understand("golfer's elbow from too much gardening");
  EXPECT_EQ(elbow.intent, "out_of_scope_body") << Describe(elbow);
}

// Knee words that look like other topics, and red flags said beside another problem
// (a checklist answer names no knee), stay in the knee conversation.
TEST(ScopeTest, KneeTopicsAndRedFlagsBesideOtherProblemsStayIn) {
  for (const char* text : {
           "could it be a stress fracture?",
           "is it a baker's cyst?",
           "what exercises strengthen the muscles around it",
           "should I book a GP appointment?",
           "is physical therapy worth it",
           "is the cartilage thinning",
       }) {
    Understanding u = Understand(text);
    EXPECT_FALSE(u.HasIntent("out_of_scope_other")) << '"' << text << "\" got " << Describe(u);
    EXPECT_FALSE(u.HasIntent("out_of_scope_body")) << '"' << text << "\" got " << Describe(u);
  }
  Understanding fever = Understand("fever and a bad cough", std::string(kChecklistExpecting));
  EXPECT_EQ(fever.slots.value("fever", ""), "yes") << Describe(fever);
  EXPECT_FALSE(fever.HasIntent("out_of_scope_other")) << Describe(fever);
  Understanding foot = Understand("my foot's gone pale and I feel dizzy");
  EXPECT_EQ(foot.slots.value("circulation", ""), "cold") << Describe(foot);
  // An answer to the question asked stays an answer.
  Understanding since = Understand("about 3 weeks, since I had covid", "duration");
  EXPECT_EQ(since.slots.value("duration", 0), 21) << Describe(since);
  EXPECT_FALSE(since.HasIntent("out_of_scope_other")) << Describe(since);
}

// Emergencies outside the knee, said the many ways people say them, and thoughts of
// suicide or self-harm.
TEST(ScopeTest, MoreEmergenciesAndCrises) {
  for (const char* text : {
           "a sudden headache like being hit with a bat, never had one like it",
           "his smile has gone lopsided and he can't get his words out",
           "feels like a heavy weight pressing on my chest and I'm sweaty",
           "coughed up dark blood this morning",
           "my lips are swelling up after a wasp sting",
           "she's bleeding really badly from her hand",
           "blood pouring from a cut on my head",
           "grandad is on the floor and won't respond",
           "stiff neck, can't stand bright light and a high temperature",
           "my toddler swallowed a button battery",
           "sudden weakness in my left leg and arm",
           "I feel like I'm going to pass out and my heart is racing",
       }) {
    Understanding u = Understand(text);
    EXPECT_TRUE(u.HasIntent("urgent_non_knee")) << '"' << text << "\" got " << Describe(u);
  }
  for (const char* text : {
           "I keep cutting myself when I feel low",
           "honestly what is the point of living",
           "I feel like ending it all",
           "I have nothing to live for",
           "my son said he wants to end his life",
           "I'm scared my partner will kill herself",
       }) {
    Understanding u = Understand(text);
    EXPECT_TRUE(u.HasIntent("crisis")) << '"' << text << "\" got " << Describe(u);
  }
  // Not emergencies: a knee that is not getting better, a fitting for shoes.
  for (const char* text : {"he hurt himself playing football and his knee is swollen"}) {
    Understanding u = Understand(text);
    EXPECT_FALSE(u.HasIntent("crisis")) << '"' << text << "\" got " << Describe(u);
  }
  for (const char* text : {"my knee is not responding to physio", "booked a shoe fitting",
                           "can I run through it if the swelling won't stop"}) {
    Understanding u = Understand(text);
    EXPECT_FALSE(u.HasIntent("urgent_non_knee")) << '"' << text << "\" got " << Describe(u);
  }
}

TEST(ScopeTest, AComplaintAnsweringAQuestionIsNoNewReport) {
  // Without the knee named, a bare answer carries no intent.
  Understanding u = Understand("it clicks sometimes", "locking");
  EXPECT_TRUE(u.intents.empty()) << Describe(u);
  EXPECT_EQ(u.slots.value("locking", ""), "catching");
  // A complaint never outranks a question that matched, and always a greeting.
  Understanding q = Understand("why does it hurt when I squat");
  EXPECT_EQ(q.intent, "ask_causes") << Describe(q);
  Understanding hi = Understand("hi, it clicks when I squat");
  EXPECT_EQ(hi.intent, "report_knee_pain") << Describe(hi);
  EXPECT_TRUE(hi.HasIntent("greet")) << Describe(hi);
}

TEST(WeekdayTest, DurationsNamedByADayNeedToday) {
  const Understander& u = TheUnderstander();
  EXPECT_EQ(u.Understand("sore since tuesday", "", Weekday::kThursday).slots.value("duration", -1),
            2);
  EXPECT_EQ(u.Understand("since last thursday", "", Weekday::kThursday).slots.value("duration", -1),
            7);
  EXPECT_EQ(u.Understand("since the weekend", "duration", Weekday::kMonday)
                .slots.value("duration", -1),
            2);
  // The day changes nothing else, and without it nothing is guessed from the clock.
  const char* text = "45, inner knee pain for 3 weeks, no swelling";
  EXPECT_EQ(u.Understand(text, "", Weekday::kFriday).slots, u.Understand(text, "").slots);
  EXPECT_FALSE(u.Understand("sore since tuesday", "").slots.contains("duration"));
}

}  // namespace
}  // namespace kneebot::test
