// ParseNumber: a number written in digits or words at one point of a NormalizedText.
//
//   "3", "1.5", "seven", "twenty five", "a"/"an"/"one" (1), "a couple of" (2),
//   "a few"/"several" (3), "half a" (0.5), each optionally followed by "and a half".
//
// The quantity extractors (duration, severity, age) read numbers through this so that
// "two weeks", "2 weeks" and "a couple of weeks" all come out the same.
#ifndef KNEEBOT_INTENTS_NUMBER_PARSER_H_
#define KNEEBOT_INTENTS_NUMBER_PARSER_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "intents/normalizer.h"

namespace kneebot::intents {

struct ParsedNumber {
  double value = 0;
  size_t length = 0;     // tokens consumed
  bool article = false;  // "a"/"an": a number only when a unit follows ("a week")
  bool digits = false;   // written in digits ("7", not "seven")
};

// Reads the number starting at token `i`; false when there is none.
bool ParseNumber(const NormalizedText& t, size_t i, ParsedNumber* out);

// A token made only of digits with at most one ".": "45", "1.5".
bool ParseDecimal(std::string_view w, double* out);

// Every word ParseNumber can start from, except the articles "a" and "an" (a number
// only before a unit): "seven", "twenty", "couple", "few", "several", "half".
std::vector<std::string_view> NumberWords();

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_NUMBER_PARSER_H_
