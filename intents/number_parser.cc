#include "intents/number_parser.h"

#include <array>
#include <charconv>
#include <system_error>

namespace kneebot::intents {
namespace {

constexpr std::array<std::string_view, 20> kUnits = {
    "zero",     "one",     "two",     "three",     "four",     "five",    "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty",  "forty",  "fifty",
                                                   "sixty",  "seventy", "eighty", "ninety"};

int UnitWord(std::string_view w) {
  for (size_t i = 0; i < kUnits.size(); ++i) {
    if (kUnits[i] == w) return static_cast<int>(i);
  }
  return -1;
}

int TensWord(std::string_view w) {
  for (size_t i = 0; i < kTens.size(); ++i) {
    if (kTens[i] == w) return static_cast<int>(20 + 10 * i);
  }
  return -1;
}

// Reads the bare number at i without the "and a half" tail.
bool ParseCore(const NormalizedText& t, size_t i, ParsedNumber* out) {
  auto at = [&](size_t k) { return k < t.size() ? t.word(k) : std::string_view(); };
  const std::string_view w = at(i);
  double d = 0;
  if (ParseDecimal(w, &d)) {
    *out = {d, 1, false, true};
    return true;
  }
  if (int tens = TensWord(w); tens >= 0) {
    int unit = UnitWord(at(i + 1));
    if (unit >= 1 && unit <= 9) {
      *out = {static_cast<double>(tens + unit), 2, false, false};
    } else {
      *out = {static_cast<double>(tens), 1, false, false};
    }
    return true;
  }
  if (int unit = UnitWord(w); unit >= 0) {
    *out = {static_cast<double>(unit), 1, false, false};
    return true;
  }
  const bool article = w == "a" || w == "an";
  const size_t j = article ? i + 1 : i;
  const std::string_view v = at(j);
  if (v == "couple") {
    *out = {2, j - i + (at(j + 1) == "of" ? 2 : 1), false, false};
    return true;
  }
  if (v == "few" || (!article && v == "several")) {
    *out = {3, j - i + 1, false, false};
    return true;
  }
  if (w == "half" && (at(i + 1) == "a" || at(i + 1) == "an")) {
    *out = {0.5, 2, false, false};
    return true;
  }
  if (article) {
    *out = {1, 1, true, false};
    return true;
  }
  return false;
}

}  // namespace

bool ParseDecimal(std::string_view w, double* out) {
  if (w.empty() || w.size() > 9) return false;
  int dots = 0;
  for (char c : w) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  if (dots > 1 || w.front() == '.' || w.back() == '.') return false;
  // from_chars, unlike stod, ignores the global locale's decimal point.
  return std::from_chars(w.data(), w.data() + w.size(), *out).ec == std::errc();
}

std::vector<std::string_view> NumberWords() {
  std::vector<std::string_view> words(kUnits.begin(), kUnits.end());
  words.insert(words.end(), kTens.begin(), kTens.end());
  words.insert(words.end(), {"couple", "few", "several", "half"});
  return words;
}

bool ParseNumber(const NormalizedText& t, size_t i, ParsedNumber* out) {
  if (i >= t.size() || !ParseCore(t, i, out)) return false;
  const size_t k = i + out->length;
  auto at = [&](size_t n) { return n < t.size() ? t.word(n) : std::string_view(); };
  if (at(k) == "and" && at(k + 1) == "a" && at(k + 2) == "half") {
    out->value += 0.5;
    out->length += 3;
    out->article = false;
  }
  return true;
}

}  // namespace kneebot::intents
