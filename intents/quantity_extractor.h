// ExtractQuantities: the integer slots of one message, read from numbers in context.
//
//   "45, inner knee pain for 3 weeks, about 7/10"  -> age 45, duration 21, severity 7
//   "a couple of weeks" -> duration 14;  "since yesterday" -> 1;  "seven out of ten" -> 7
//   "7" with expecting "severity" -> 7;  "45" with expecting "age" -> 45
//   "in my fifties" -> age 55 ("early" +2, "late" +8);  "28f, knee pain" -> age 28
//
// Duration is in days (a month is 30, a year 365). A number is read as at most one
// quantity: the unambiguous forms ("/10", "out of 10", a time unit, "years old") claim
// their numbers first, and a bare number counts only for the slot being asked about
// (or as an age when the message opens with it: "45, inner knee pain").
#ifndef KNEEBOT_INTENTS_QUANTITY_EXTRACTOR_H_
#define KNEEBOT_INTENTS_QUANTITY_EXTRACTOR_H_

#include <optional>
#include <string_view>

#include "intents/normalizer.h"

namespace kneebot::intents {

struct Quantities {
  std::optional<int> duration;  // days
  std::optional<int> severity;  // 0-10
  std::optional<int> age;       // years
};

// `today` (0 Sunday .. 6 Saturday), when known, lets "since tuesday", "last friday"
// and "since the weekend" count back to that day (1 to 7 days; the same weekday as
// today is a week ago). Without it they are not read.
Quantities ExtractQuantities(const NormalizedText& t, std::string_view expecting,
                             std::optional<int> today = std::nullopt);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_QUANTITY_EXTRACTOR_H_
