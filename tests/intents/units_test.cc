// The parts behind the Understander, tested alone: the normaliser, numbers, the
// negation scope marker and the speller.
#include <gtest/gtest.h>

#include <string>

#include "intents/negation.h"
#include "intents/normalizer.h"
#include "intents/quantity_extractor.h"
#include "intents/speller.h"

namespace kneebot::intents {
namespace {

TEST(NormalizerTest, CanonicalForm) {
  const std::pair<const char*, const char*> cases[] = {
      {"I’ve NOT fallen… it's   my left knee!!", "i have not fallen . it is my left knee ."},
      {"didn't", "did not"},
      {"can't", "can not"},
      {"cannot", "can not"},
      {"won't", "will not"},
      {"dont", "do not"},
      {"I'm 45yo", "i am 45 yo"},
      {"runner's knee", "runners knee"},
      {"7/10 pain, 1.5 weeks", "7/10 pain , 1.5 weeks"},
      {"6-7 out of 10", "6 to 7 out of 10"},
      {"x-ray?", "x ray ?"},
      {"sooo swollen", "so swollen"},
      {"“quoted” café", "quoted cafe"},
      {"?!hello", "hello"},
      {"what?!", "what ?"},
      {"a & b", "a and b"},
      {"😀 hi", "hi"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(Normalize(in).text, out) << in;
}

TEST(NormalizerTest, TokensAndSpans) {
  NormalizedText t = Normalize("No swelling, but hot");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t.word(0), "no");
  EXPECT_TRUE(t.IsPunct(2));
  size_t first = 0, last = 0;
  t.TokenSpan(3, 11, &first, &last);  // "swelling"
  EXPECT_EQ(first, 1u);
  EXPECT_EQ(last, 2u);
}

TEST(NormalizerTest, InvalidUtf8BecomesSpaces) {
  EXPECT_EQ(Normalize("knee\xff\xfe hurts\xc3").text, "knee hurts");
}

TEST(QuantityTest, Durations) {
  const std::pair<const char*, int> cases[] = {
      {"3 weeks", 21},
      {"about two weeks", 14},
      {"a month", 30},
      {"since yesterday", 1},
      {"two days", 2},
      {"a couple of weeks", 14},
      {"a fortnight", 14},
      {"2 and a half weeks", 18},
      {"for 1 year", 365},
      {"hurt it last night", 1},
      {"started this morning", 0},
      {"3 hours ago", 0},
  };
  for (const auto& [text, days] : cases) {
    EXPECT_EQ(ExtractQuantities(Normalize(text), "").duration, days) << text;
  }
  for (const char* text : {"a race in 2 weeks", "twice a week", "3 days a week", "45 years old",
                           "for 20 minutes", "swelled within an hour", "surgery 5 years ago",
                           "who won the football last night", "knee pain 8/10 today"}) {
    EXPECT_FALSE(ExtractQuantities(Normalize(text), "").duration.has_value()) << text;
  }
}

TEST(QuantityTest, SeverityAndAge) {
  EXPECT_EQ(ExtractQuantities(Normalize("8/10"), "").severity, 8);
  EXPECT_EQ(ExtractQuantities(Normalize("eight out of ten"), "").severity, 8);
  EXPECT_EQ(ExtractQuantities(Normalize("11/10"), "").severity, 10);
  EXPECT_EQ(ExtractQuantities(Normalize("6 or 7"), "severity").severity, 7);
  EXPECT_FALSE(ExtractQuantities(Normalize("6"), "").severity.has_value());
  EXPECT_FALSE(ExtractQuantities(Normalize("for 3 weeks"), "severity").severity.has_value());
  EXPECT_EQ(ExtractQuantities(Normalize("I'm 45"), "").age, 45);
  EXPECT_EQ(ExtractQuantities(Normalize("aged 60"), "").age, 60);
  EXPECT_EQ(ExtractQuantities(Normalize("a 32 year old runner"), "").age, 32);
  EXPECT_EQ(ExtractQuantities(Normalize("45, knee pain"), "").age, 45);
  EXPECT_FALSE(ExtractQuantities(Normalize("45, knee pain"), "severity").age.has_value());
  EXPECT_FALSE(ExtractQuantities(Normalize("I'm 5 weeks into training"), "").age.has_value());
}

NegationDetector Detector() {
  NegationDetector d;
  DataError err{"test.json"};
  nlohmann::json rules = {{"triggers", {"no", "not", "did not", "can not"}},
                          {"pseudo", {"not sure"}},
                          {"hedges", {"not sure if"}},
                          {"terminators", {"but"}},
                          {"joiners", {"or"}},
                          {"window", 3}};
  Status s = NegationDetector::Load(err, rules, "/negation", &d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return d;
}

// Marks as a string: '-' none, 'N' negated, '?' hedged.
std::string Marks(const NegationDetector& d, const std::string& text) {
  std::string out;
  for (Scope s : d.Mark(Normalize(text)))
    out += s == Scope::kNone ? '-' : s == Scope::kNegated ? 'N' : '?';
  return out;
}

TEST(NegationDetectorTest, Scopes) {
  NegationDetector d = Detector();
  EXPECT_EQ(Marks(d, "no swelling but hot"), "-N--");
  EXPECT_EQ(Marks(d, "no swelling . hot"), "-N--");
  EXPECT_EQ(Marks(d, "no fever , chills or calf pain"), "-N-NNNN");
  EXPECT_EQ(Marks(d, "did not fall , bit swollen"), "--N---");
  EXPECT_EQ(Marks(d, "no , it is the outside"), "------");
  EXPECT_EQ(Marks(d, "no a b c d"), "-NNN-");          // window of 3
  EXPECT_EQ(Marks(d, "not sure"), "--");               // pseudo-trigger
  EXPECT_EQ(Marks(d, "not sure if swollen"), "---?");  // hedge
  // The next trigger ends the scope and opens its own; a phrase starting at a trigger
  // ("can not walk") starts on an unmarked word, so it is not negated.
  EXPECT_EQ(Marks(d, "not swollen can not walk"), "-N--N");
}

TEST(NegationDetectorTest, BadRules) {
  NegationDetector d;
  DataError err{"test.json"};
  nlohmann::json rules = {{"triggers", {"no"}},
                          {"pseudo", nlohmann::json::array()},
                          {"hedges", nlohmann::json::array()},
                          {"terminators", {"no"}},
                          {"joiners", nlohmann::json::array()},
                          {"window", 3}};
  Status s = NegationDetector::Load(err, rules, "/negation", &d);
  EXPECT_EQ(s.message(), "test.json:/negation/terminators/0: 'no' is listed twice");
}

TEST(SpellerTest, FixesLongWordsOnly) {
  Speller s;
  s.Build({"ibuprofen", "swollen", "stairs", "physio", "ice"}, {"walking"});
  EXPECT_EQ(s.Fix("ibuprofin"), "ibuprofen");  // substitution
  EXPECT_EQ(s.Fix("ibuprfen"), "ibuprofen");   // deletion
  EXPECT_EQ(s.Fix("ibupofren"), "ibuprofen");  // two edits, long word
  EXPECT_EQ(s.Fix("swolen"), "swollen");
  EXPECT_EQ(s.Fix("sowllen"), "swollen");  // swap
  EXPECT_EQ(s.Fix("swolln"), "swollen");
  EXPECT_EQ(s.Fix("swoln"), "");         // two edits, 7-letter word: too far
  EXPECT_EQ(s.Fix("stiars"), "stairs");  // 5+ letters: one edit
  EXPECT_EQ(s.Fix("icee"), "");          // "ice" is too short to correct towards
  EXPECT_EQ(s.Fix("ace"), "");           // short words are never touched
  EXPECT_EQ(s.Fix("wollen"), "");        // the first letter must match
  EXPECT_EQ(s.Fix("walking"), "");       // known words stay
  EXPECT_EQ(s.Fix("swollen"), "");       // already right
}

TEST(SpellerTest, Distance) {
  EXPECT_EQ(Speller::Distance("abc", "abc", 2), 0);
  EXPECT_EQ(Speller::Distance("abc", "acb", 2), 1);
  EXPECT_EQ(Speller::Distance("kitten", "sitting", 5), 3);
  EXPECT_EQ(Speller::Distance("kitten", "sitting", 1), 2);  // gives up past the limit
}

}  // namespace
}  // namespace kneebot::intents
