// The parts behind the Understander, tested alone: the normaliser, numbers, the
// negation scope marker and the speller.
#include <gtest/gtest.h>

#include <string>

#include "intents/lexicon.h"
#include "intents/negation.h"
#include "intents/normalizer.h"
#include "intents/phrase_expander.h"
#include "intents/phrase_list.h"
#include "intents/phrase_set.h"
#include "intents/phrase_trie.h"
#include "intents/quantity_extractor.h"
#include "intents/speller.h"
#include "intents/word_index.h"

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

// Normalize records tokens as it writes them; they must be exactly the words of its text,
// whatever expansions ("didn't" -> "did not", "idk" -> 3 words) and punctuation happened.
TEST(NormalizerTest, TokensAreTheWordsOfTheText) {
  for (const char* in :
       {"I didn't fall, idk... it's my KNEE!!", "45yo, 3wks, 6-7/10 ?!", "let's go", "  ",
        "x-ray? a&e", "sooo swolllen", ", , hi", "it's 1.5 km", "dont cant wont", "\xff\xfe"}) {
    const NormalizedText t = Normalize(in);
    const NormalizedText again = FromNormalized(t.text);
    ASSERT_EQ(t.tokens.size(), again.tokens.size()) << in;
    for (size_t i = 0; i < t.size(); ++i) {
      EXPECT_EQ(t.word(i), again.word(i)) << in;
      EXPECT_FALSE(t.word(i).empty()) << in;
    }
  }
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

TEST(QuantityTest, WeekdaysCountBackFromToday) {
  constexpr int kThursday = 4;
  const std::pair<const char*, int> cases[] = {
      {"sore since tuesday", 2},   {"since last monday", 3},   {"hurt it on wednesday", 1},
      {"since thursday", 7},       {"since last thursday", 7}, {"twisted it on sunday", 4},
      {"since the weekend", 5},    {"sore since tues", 2},     {"fell over on friday", 6},
  };
  for (const auto& [text, days] : cases) {
    EXPECT_EQ(ExtractQuantities(Normalize(text), "", kThursday).duration, days) << text;
  }
  // Days ahead say nothing, and without today nothing is guessed.
  for (const char* text : {"I have a race on saturday", "my run next tuesday",
                           "hurt it and I have a match this saturday"}) {
    EXPECT_FALSE(ExtractQuantities(Normalize(text), "", kThursday).duration.has_value()) << text;
  }
  EXPECT_FALSE(ExtractQuantities(Normalize("sore since tuesday"), "").duration.has_value());
  EXPECT_EQ(ExtractQuantities(Normalize("tuesday"), "duration", kThursday).duration, 2);
  EXPECT_EQ(ExtractQuantities(Normalize("the day before yesterday"), "duration").duration, 2);
}

TEST(QuantityTest, AgesInDecades) {
  const std::pair<const char*, int> cases[] = {
      {"I'm in my fifties", 55}, {"in my early forties", 42}, {"she is in her late 60s", 68},
      {"in my mid thirties", 35}, {"fifty something, knee pain", 55}, {"in my teens", 16},
      {"early 40s", 42},          {"28f, knee pain", 28},     {"45m , left knee", 45},
  };
  for (const auto& [text, age] : cases) {
    EXPECT_EQ(ExtractQuantities(Normalize(text), "").age, age) << text;
  }
  EXPECT_EQ(ExtractQuantities(Normalize("forties"), "age").age, 45);
  for (const char* text : {"since the late nineties", "forties", "I ran 50 s"}) {
    EXPECT_FALSE(ExtractQuantities(Normalize(text), "").age.has_value()) << text;
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

// The word index the detectors below number their words in: it must outlive them.
WordIndex* TestWords() {
  static WordIndex words;
  return &words;
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
  Status s = NegationDetector::Load(err, rules, "/negation", TestWords(), &d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return d;
}

// Marks as a string: '-' none, 'N' negated, 'B' negated from behind, '?' hedged.
std::string Marks(const NegationDetector& d, const std::string& text) {
  std::string out;
  for (Scope s : d.Mark(Normalize(text))) {
    out += s == Scope::kNone            ? '-'
           : s == Scope::kNegated       ? 'N'
           : s == Scope::kNegatedBefore ? 'B'
                                        : '?';
  }
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

TEST(NegationDetectorTest, PostTriggersAndCancellers) {
  NegationDetector d;
  DataError err{"test.json"};
  nlohmann::json rules = {{"triggers", {"no", "none", "without"}},
                          {"pseudo", {"not sure"}},
                          {"hedges", {"maybe"}},
                          {"terminators", {"but"}},
                          {"joiners", {"or"}},
                          {"window", 4},
                          {"short_triggers", {"can not"}},
                          {"post_triggers", {"none", "no", "is fine"}},
                          {"post_window", 2},
                          {"cancels", {"without it hurting"}}};
  ASSERT_TRUE(NegationDetector::Load(err, rules, "/negation", TestWords(), &d).ok());
  // After the finding, back to the clause start and at most post_window words.
  EXPECT_EQ(Marks(d, "swelling none"), "B-");
  EXPECT_EQ(Marks(d, "swelling none , fever none"), "B--B-");
  EXPECT_EQ(Marks(d, "my calf is fine"), "BB--");
  EXPECT_EQ(Marks(d, "hot but calf no"), "--B-");  // the terminator stops it
  EXPECT_EQ(Marks(d, "a b c none"), "-BB-");       // window of 2
  // "none" and "no" go backwards only at the end of a clause.
  EXPECT_EQ(Marks(d, "none of those hurt"), "-NNN");
  EXPECT_EQ(Marks(d, "swelling no ."), "B--");
  // A canceller undoes the negation it closes; with none open it negates.
  EXPECT_EQ(Marks(d, "can not kneel without it hurting"), "------");
  EXPECT_EQ(Marks(d, "walk without it hurting"), "--NN");
}

// A post-trigger that holds a forward trigger ("does not hurt") negates backwards at the
// end of a clause, a terminator included, and its own last words stay negated.
TEST(NegationDetectorTest, PostTriggersWithAForwardTrigger) {
  NegationDetector d;
  DataError err{"test.json"};
  nlohmann::json rules = {{"triggers", {"not", "does not", "is not"}},
                          {"pseudo", nlohmann::json::array()},
                          {"hedges", nlohmann::json::array()},
                          {"terminators", {"but"}},
                          {"joiners", nlohmann::json::array()},
                          {"window", 4},
                          {"post_triggers", {"does not hurt", "is not swollen"}},
                          {"post_window", 3}};
  ASSERT_TRUE(NegationDetector::Load(err, rules, "/negation", TestWords(), &d).ok());
  EXPECT_EQ(Marks(d, "the outside does not hurt but the inside does"), "BB--N----");
  EXPECT_EQ(Marks(d, "it is not swollen"), "B--N");
  // Not at a clause end: the forward trigger wins, as before.
  EXPECT_EQ(Marks(d, "it does not hurt when i walk"), "---NNNN");
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
  Status s = NegationDetector::Load(err, rules, "/negation", TestWords(), &d);
  EXPECT_EQ(s.message(), "test.json:/negation/terminators/0: 'no' is listed twice");
}

TEST(SpellerTest, FixesLongWordsOnly) {
  Speller s;
  s.Build({"ibuprofen", "swollen", "stairs", "physio", "ice"}, {"walking"}, TestWords());
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

TEST(SpellerTest, FourLetterWordsAndDoubledLetters) {
  Speller s;
  s.Build({"fever", "pain", "calf", "numb", "ice", "tens"}, {"feve", "teens"}, TestWords());
  EXPECT_EQ(s.Fix("fevr"), "fever");  // a letter left out inside a four-letter word
  EXPECT_EQ(s.Fix("pian"), "pain");   // two inner letters swapped
  EXPECT_EQ(s.Fix("calff"), "calf");  // a doubled letter
  EXPECT_EQ(s.Fix("numbb"), "numb");
  EXPECT_EQ(s.Fix("efver"), "");  // the first letter must match
  EXPECT_EQ(s.Fix("evr"), "");    // three letters: never touched
  EXPECT_EQ(s.Fix("icee"), "");   // "ice" is too short to be a target
  EXPECT_EQ(s.Fix("feve"), "");   // known
  EXPECT_EQ(s.Fix("teens"), "");  // a real word one doubled letter from a target
  EXPECT_EQ(s.Fix("paint"), "");  // not a typo of "pain": a letter added at the end
}

TEST(SpellerTest, InflectionsNeedARealStem) {
  Speller s;
  s.Build({"runners"}, {"run"}, TestWords());
  // "run" + "ers" is no inflection: "runers" is a typo of "runners".
  EXPECT_EQ(s.Fix("runers"), "runners");
  EXPECT_EQ(s.Fix("runs"), "");
}

TEST(PhraseExpanderTest, SimplePatternsBecomePhrases) {
  std::vector<std::string> out;
  ASSERT_TRUE(ExpandPhrases("swell(s|ed)?( up)?", 100, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"swell", "swell up", "swelled", "swelled up", "swells",
                                            "swells up"}));
  ASSERT_TRUE(ExpandPhrases("(?:a |the )?bit swollen", 100, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"a bit swollen", "bit swollen", "the bit swollen"}));
  ASSERT_TRUE(ExpandPhrases("knees?", 100, &out));
  EXPECT_EQ(out, (std::vector<std::string>{"knee", "knees"}));
  // Anything else stays a regex: classes, \b, repeats, anchors, too many phrases, or a
  // phrase that is not single-spaced words.
  for (const char* re : {"\\d+ weeks", "[.,] outside", "swollen\\b", "a+", "^left", "a.b",
                         "(a |b )( c)", "(a|b)(c|d)(e|f)(g|h)", "(unclosed", "a)", ""}) {
    EXPECT_FALSE(ExpandPhrases(re, 8, &out)) << re;
  }
}

TEST(PhraseTrieTest, LongestAtEachStartWithoutOverlaps) {
  WordIndex words;
  PhraseTrie trie;
  trie.Add(&words, {"bit", "swollen"}, 1);
  trie.Add(&words, {"a", "bit", "swollen"}, 1);
  trie.Add(&words, {"swollen"}, 2);
  trie.Add(&words, {"left"}, 3);
  NormalizedText t = Normalize("a bit swollen , left and left");
  words.Tag(&t);
  std::vector<PhraseTrie::Hit> hits;
  trie.Find(t.ids, &hits);
  ASSERT_EQ(hits.size(), 4u);
  // id 1 once (not again inside itself), id 2 and both of id 3, by id then position.
  EXPECT_EQ(hits[0].id, 1);
  EXPECT_EQ(hits[0].first, 0u);
  EXPECT_EQ(hits[0].last, 3u);
  EXPECT_EQ(hits[1].id, 2);
  EXPECT_EQ(hits[1].first, 2u);
  EXPECT_EQ(hits[2].id, 3);
  EXPECT_EQ(hits[2].first, 4u);
  EXPECT_EQ(hits[3].first, 6u);
}

// Enough edges to grow the trie's table several times; every phrase is still found, and
// two ids on one phrase are both reported.
TEST(PhraseTrieTest, ManyPhrasesAfterOneWord) {
  WordIndex words;
  PhraseTrie trie;
  auto word = [](int i) {
    std::string w = "w";
    w += std::to_string(i);
    return w;
  };
  for (int i = 0; i < 2000; ++i) trie.Add(&words, {"my", word(i), "hurts"}, i);
  trie.Add(&words, {"my", "w7", "hurts"}, 5000);
  for (int i : {0, 7, 1234, 1999}) {
    std::string text = "oh my ";
    text += word(i);
    text += " hurts";
    NormalizedText t = Normalize(text);
    words.Tag(&t);
    std::vector<PhraseTrie::Hit> hits;
    trie.Find(t.ids, &hits);
    ASSERT_EQ(hits.size(), i == 7 ? 2u : 1u) << i;
    EXPECT_EQ(hits[0].id, i);
    EXPECT_EQ(hits[0].first, 1u);
    EXPECT_EQ(hits[0].last, 4u);
    if (i == 7) {
      EXPECT_EQ(hits[1].id, 5000);
    }
  }
  NormalizedText miss = Normalize("my w2000 hurts");
  words.Tag(&miss);
  std::vector<PhraseTrie::Hit> hits;
  trie.Find(miss.ids, &hits);
  EXPECT_TRUE(hits.empty());
}

TEST(MatchAtTokenStartsTest, PatternsThatStartOnAWord) {
  RE2::Set set(PatternOptions(), RE2::ANCHOR_START);
  std::string error;
  ASSERT_EQ(set.Add("\\bknees?\\b", &error), 0);
  ASSERT_EQ(set.Add("^help\\b", &error), 1);
  ASSERT_EQ(set.Add(WordBounded("ice pack"), &error), 2);
  ASSERT_EQ(set.Add(WordBounded("swollen"), &error), 3);
  ASSERT_TRUE(set.Compile());
  std::vector<int> found;
  ASSERT_TRUE(MatchAtTokenStarts(set, Normalize("My knee, ice pack?"), &found));
  EXPECT_EQ(found, (std::vector<int>{0, 2}));
  // "^help" passes at any word: the caller searches the whole text again.
  ASSERT_TRUE(MatchAtTokenStarts(set, Normalize("i need help"), &found));
  EXPECT_EQ(found, std::vector<int>{1});
  ASSERT_TRUE(MatchAtTokenStarts(set, Normalize("kneeling , unswollen"), &found));
  EXPECT_TRUE(found.empty());
  ASSERT_TRUE(MatchAtTokenStarts(set, Normalize(""), &found));
  EXPECT_TRUE(found.empty());
}

TEST(WordIndexTest, NumbersWordsOnceAndTagsTexts) {
  WordIndex words;
  const int knee = words.Add("knee");
  EXPECT_EQ(words.Add("knee"), knee);  // the same word keeps its id
  const int sore = words.Add("sore");
  EXPECT_NE(sore, knee);
  EXPECT_EQ(words.Find("elbow"), WordIndex::kUnknown);
  NormalizedText t = Normalize("my knee is SORE");
  words.Tag(&t);
  EXPECT_EQ(t.ids, (std::vector<int>{WordIndex::kUnknown, knee, WordIndex::kUnknown, sore}));
  std::vector<int> scratch;
  EXPECT_EQ(&words.IdsOf(t, &scratch), &t.ids);  // tagged by this index: no lookup
  // Another index's ids are not these: IdsOf looks the words up again.
  WordIndex other;
  other.Add("sore");
  NormalizedText u = Normalize("sore knee");
  other.Tag(&u);
  EXPECT_EQ(words.IdsOf(u, &scratch), (std::vector<int>{sore, knee}));
  // An untagged text too.
  EXPECT_EQ(words.IdsOf(Normalize("knee"), &scratch), std::vector<int>{knee});
}

TEST(PhraseSetTest, LongestPhraseAtAStart) {
  WordIndex words;
  PhraseSet set;
  EXPECT_TRUE(set.Add(&words, {"not"}, 1));
  EXPECT_TRUE(set.Add(&words, {"not", "sure"}, 2));
  EXPECT_TRUE(set.Add(&words, {"not", "sure", "if"}, 3));
  EXPECT_FALSE(set.Add(&words, {"not", "sure"}, 4));  // the same phrase twice
  EXPECT_EQ(set.Find(words, {"not", "sure"}), 2);
  EXPECT_EQ(set.Find(words, {"not", "at", "all"}), -1);
  NormalizedText t = Normalize("i am not sure , not sure if so , not");
  words.Tag(&t);
  int tag = 0;
  EXPECT_EQ(set.LongestAt(t.ids, 0, &tag), 0u);
  EXPECT_EQ(set.LongestAt(t.ids, 2, &tag), 2u);
  EXPECT_EQ(tag, 2);
  EXPECT_EQ(set.LongestAt(t.ids, 5, &tag), 3u);
  EXPECT_EQ(tag, 3);
  EXPECT_EQ(set.LongestAt(t.ids, 10, &tag), 1u);  // at the end: only the short one fits
  EXPECT_EQ(tag, 1);
  EXPECT_EQ(set.LongestAt(t.ids, 11, &tag), 0u);  // past the end
}

TEST(PhraseListTest, PlainPhrasesByIdTheRestByRegex) {
  WordIndex words;
  PhraseList list;
  DataError err{"test.json"};
  ASSERT_TRUE(PhraseList::Load(err, {"knees?", "knee cap", "^wait"}, "/knee", &words, &list).ok());
  ASSERT_NE(list.regex(), nullptr);  // only "^wait" needs RE2
  NormalizedText t = Normalize("wait, my knee cap and both knees");
  words.Tag(&t);
  PhraseList::Spans spans;
  list.Find(t, std::nullopt, &spans);
  // "wait" (regex), "knee cap" (the longest plain phrase at 3), "knees".
  EXPECT_EQ(spans, (PhraseList::Spans{{0, 1}, {3, 5}, {7, 8}}));
  // A caller's scan that did not find the regex part: only the plain phrases.
  list.Find(t, false, &spans);
  EXPECT_EQ(spans, (PhraseList::Spans{{3, 5}, {7, 8}}));
  EXPECT_TRUE(list.Occurs(t, false));
  NormalizedText none = Normalize("my elbow");
  words.Tag(&none);
  EXPECT_FALSE(list.Occurs(none, std::nullopt));
  // A scan at word starts passes "^wait" in the middle of a message too: Occurs checks
  // the regex on the whole text before it believes the scan.
  NormalizedText later = Normalize("you said wait");
  words.Tag(&later);
  EXPECT_FALSE(list.Occurs(later, true));
  NormalizedText first = Normalize("wait");
  words.Tag(&first);
  EXPECT_TRUE(list.Occurs(first, true));

  PhraseList all_plain;
  ASSERT_TRUE(PhraseList::Load(err, {"patella", "acl"}, "/knee", &words, &all_plain).ok());
  EXPECT_EQ(all_plain.regex(), nullptr);
}

TEST(PhraseListTest, BadListsNameThePattern) {
  WordIndex words;
  PhraseList list;
  DataError err{"lexicon.json"};
  EXPECT_EQ(PhraseList::Load(err, nlohmann::json::array(), "/knee", &words, &list).message(),
            "lexicon.json:/knee: must not be empty");
  EXPECT_EQ(PhraseList::Load(err, {"knee", "(unclosed"}, "/knee", &words, &list).message(),
            "lexicon.json:/knee/1: missing ): (unclosed");
  EXPECT_FALSE(PhraseList::Load(err, {"knee", 7}, "/knee", &words, &list).ok());
  EXPECT_FALSE(list.loaded());  // nothing is kept from a failed load
}

TEST(SpellerTest, Distance) {
  EXPECT_EQ(Speller::Distance("abc", "abc", 2), 0);
  EXPECT_EQ(Speller::Distance("abc", "acb", 2), 1);
  EXPECT_EQ(Speller::Distance("kitten", "sitting", 5), 3);
  EXPECT_EQ(Speller::Distance("kitten", "sitting", 1), 2);  // gives up past the limit
}

}  // namespace
}  // namespace kneebot::intents
