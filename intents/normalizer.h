// Normalize: raw chat text -> one canonical, tokenised form every matcher reads.
//
//   NormalizedText t = Normalize("I’ve NOT fallen… it's   my left knee!!");
//   // t.text == "i have not fallen . it is my left knee ."
//
// What it does, and why:
// - lowercases ASCII, so patterns and keywords are written in lower case only;
// - maps curly quotes and apostrophes to ASCII and drops other non-ASCII (emoji);
// - expands contractions ("didn't" -> "did not", "can't"/"cannot" -> "can not",
//   "i'm" -> "i am", also the apostrophe-less "dont", "cant", "im"), so negation
//   triggers are plain words and patterns need no apostrophe variants;
// - turns possessives into plain words ("runner's" -> "runners");
// - keeps clause punctuation as tokens: "," "?" and "." (for . ! ; and ellipses),
//   because negation scope ends there and "?" marks a question;
// - keeps "7/10", "1.5" and "45" whole, splits "45yo" and "x-ray" ("45 yo", "x ray"),
//   turns "6-7" into "6 to 7";
// - squeezes letters repeated 3+ times ("sooo" -> "so", "yesss" -> "yes") and runs
//   of spaces.
// Tokens are separated by exactly one space, so a pattern may write " " for a gap.
#ifndef KNEEBOT_INTENTS_NORMALIZER_H_
#define KNEEBOT_INTENTS_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kneebot::intents {

struct Token {
  uint32_t begin = 0;  // byte offsets into NormalizedText::text
  uint32_t end = 0;
};

class WordIndex;

struct NormalizedText {
  std::string text;
  std::vector<Token> tokens;
  // Each token's id in the WordIndex that tagged the text (word_index.h), and which
  // index that was; empty and null until tagged.
  std::vector<int> ids;
  const WordIndex* tagged_by = nullptr;

  std::string_view word(size_t i) const {
    return std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  size_t size() const { return tokens.size(); }
  // True for the clause punctuation tokens "," "." "?".
  bool IsPunct(size_t i) const;
  // The token range [*first, *last) covering the bytes [begin, end) of `text`.
  void TokenSpan(size_t begin, size_t end, size_t* first, size_t* last) const;
};

NormalizedText Normalize(std::string_view raw);

// Re-tokenises `text` that is already in normal form (one space between tokens).
NormalizedText FromNormalized(std::string text);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_NORMALIZER_H_
