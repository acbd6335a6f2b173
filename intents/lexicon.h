// Lexicon: the words and phrases that fill the enum and list slots, read from the
// "slots" section of intents/data/lexicon.json, and the rules for combining them.
//
//   "swelling": {
//     "values": {"mild": ["(a )?(bit|little|slightly) swollen", "some swelling"],
//                "rapid": ["swelled up (straight away|within an? hour)"], ...},
//     "priority": ["rapid"],            // wins over other values in the same message
//     "answers": {"partial": "mild"},   // what "a bit" means when swelling is asked
//     "asked": {"yes": ["swollen"]}      // phrases that count only when it is asked
//   }
//
// Each phrase is an RE2 pattern over normalised text, matched on word boundaries. All
// of them are compiled once into one RE2::Set (the "asked" ones into one set per slot,
// scanned only when that slot is asked), scanned at each word start to learn which
// phrases occur (MatchAtTokenStarts below); only those are then run alone to find where. Plain phrases of words
// only skip the regex machinery altogether and are looked up token by token.
#ifndef KNEEBOT_INTENTS_LEXICON_H_
#define KNEEBOT_INTENTS_LEXICON_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/status.h"
#include "intents/data_loader.h"
#include "intents/normalizer.h"
#include "intents/phrase_trie.h"
#include "intents/slot_vocabulary.h"
#include "intents/word_index.h"

namespace kneebot::intents {

// A slot and one of its values, e.g. injury=no.
struct SlotValue {
  const SlotSpec* slot = nullptr;
  std::string value;
};

struct SlotRules {
  const SlotSpec* spec = nullptr;
  // What a negated mention of a value means: another value of this slot or of another
  // slot ("fall" negated -> injury=no), or nothing (std::nullopt: the mention is
  // dropped, e.g. a negated location). Filled for every value.
  std::map<std::string, std::optional<SlotValue>> negated;
  // Values that beat others mentioned in the same message, best first; otherwise the
  // first mention wins.
  std::vector<std::string> priority;
  // {a, b, c}: a and b both mentioned means c ("left" and "right" -> "both").
  std::vector<std::array<std::string, 3>> combine;
  // A positive mention of the value (or of any value, key "*") also means this.
  std::map<std::string, SlotValue> implies;
  // Mentions of this slot sit beside other slots' phrases rather than inside them:
  // "the inside of the left knee" is a location and a side.
  bool independent = false;
  // Short answers when this slot is asked: "yes", "no", "a bit". Empty for none.
  std::string affirm, deny, partial;
};

// "if this slot=value is in the message, drop that slot (or slot=value)".
struct Suppression {
  SlotValue when;
  SlotValue drop;  // drop.value empty: any value
};

// One place a slot phrase matched, in tokens [first, last) of the normalised text.
struct Finding {
  const SlotRules* rules = nullptr;
  const std::string* value = nullptr;
  size_t first = 0;
  size_t last = 0;
  bool asked = false;  // an "asked" phrase: the answer to the pending question
};

class Lexicon {
 public:
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Reads "slots" and "suppress" of lexicon.json. Slots missing from the section get
  // default rules (no phrases) so short answers still work for them. The words of plain
  // phrases are numbered in `index`, which must outlive the lexicon.
  static Status Load(const DataError& err, const nlohmann::json& doc,
                     const SlotVocabulary& vocabulary, WordIndex* index,
                     std::unique_ptr<Lexicon>* out);

  // Every match of every phrase, minus those inside a "block" phrase of their slot.
  // "asked" phrases count only for the slot in `expecting` (a bare "left" answers
  // "which knee?" but means nothing in "I left work early").
  void Find(const NormalizedText& t, std::string_view expecting, std::vector<Finding>* out) const;
  // The same, given which main_patterns() matched t (their indexes): for a caller that
  // scans for these patterns together with others in one RE2::Set.
  void FindGiven(const NormalizedText& t, std::string_view expecting,
                 const std::vector<int>& main_hits, std::vector<Finding>* out) const;
  // Which main_patterns() match t, as FindGiven takes them.
  std::vector<int> MainHits(const NormalizedText& t) const;
  // The word-bounded regexes of the main set (all but the "asked" and plain phrases).
  const std::vector<std::string>& main_patterns() const { return main_sources_; }

  const SlotRules* Rules(std::string_view slot) const;
  const std::vector<Suppression>& suppressions() const { return suppress_; }
  // The plain words written in the phrases (see AddPatternWords).
  const std::vector<std::string>& pattern_words() const { return pattern_words_; }

 private:
  explicit Lexicon(WordIndex* index);
  struct Pattern {
    const SlotRules* rules;
    const std::string* value;  // nullptr for a block pattern
    bool asked_only;
    std::unique_ptr<RE2> re;
  };

  // A set of patterns scanned in one pass; ids[k] is the pattern its k-th entry is.
  struct PatternSet {
    std::unique_ptr<RE2::Set> set;
    std::vector<int> ids;
  };
  // Adds `re` (already checked) to `set`, as patterns_[id].
  static bool AddTo(PatternSet* set, const std::string& re, int id, std::string* error);

  const WordIndex* index_;
  std::vector<std::unique_ptr<SlotRules>> rules_;
  std::vector<std::unique_ptr<std::string>> values_;  // stable storage for Finding::value
  std::vector<Pattern> patterns_;
  PatternSet main_;  // every pattern but the "asked" and the plain ones
  std::vector<std::string> main_sources_;
  // The "asked" phrases of each slot, scanned only when that slot is asked: most
  // messages need not pay for them.
  std::map<const SlotRules*, PatternSet> asked_;
  // Plain phrases, and simple patterns that stand for a few hundred plain phrases at
  // most ("swell(s|ed|ing)?( up)?", see phrase_expander.h), are found token by token
  // instead, keyed by their first two words (or their one word): no automaton needs
  // them, and most phrases are such.
  PhraseTrie plain_;  // pattern ids
  std::vector<Suppression> suppress_;
  std::vector<std::string> pattern_words_;
};

// RE2 options shared by every pattern of intents/: quiet, case-insensitive, roomy DFA.
RE2::Options PatternOptions();

// Wraps an RE2 fragment so it matches whole words only.
std::string WordBounded(const std::string& pattern);

// Finds every non-overlapping match of `re` in `text`, as byte ranges.
void FindAll(const RE2& re, std::string_view text, std::vector<std::pair<size_t, size_t>>* out);

// Which patterns of `set` (built with RE2::ANCHOR_START) match starting at a token of
// t: their indexes, sorted, in *out. False, with *error set, if RE2 ran out of memory.
//
// Why not one unanchored search: the DFA of an unanchored set of hundreds of patterns
// tracks every pattern begun at every earlier word, so a message never seen before
// keeps building new states (about 40 us a message, and the cache grows to its
// budget). Anchored at word starts, a search dies within a word or two and the states
// are soon all built. Every pattern here starts on a word (, ^ or WordBounded), so
// nothing is lost; a "^" pattern also passes at later words, which is why callers
// search each pattern found on the whole text again (FindAll) before trusting it.
bool MatchAtTokenStarts(const RE2::Set& set, const NormalizedText& t, std::vector<int>* out,
                        RE2::Set::ErrorInfo* error = nullptr);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_LEXICON_H_
