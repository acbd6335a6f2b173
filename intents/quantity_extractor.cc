#include "intents/quantity_extractor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include "intents/number_parser.h"

namespace kneebot::intents {
namespace {

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Time units and their days; hours count as "today" (0 days).
struct TimeUnit {
  std::string_view word;
  double days;
};
constexpr TimeUnit kTimeUnits[] = {
    {"day", 1},     {"days", 1},        {"week", 7},       {"weeks", 7},    {"wk", 7},
    {"wks", 7},     {"fortnight", 14},  {"fortnights", 14}, {"month", 30},  {"months", 30},
    {"mo", 30},     {"mos", 30},        {"mth", 30},       {"mths", 30},    {"year", 365},
    {"years", 365}, {"yr", 365},        {"yrs", 365},      {"hour", 0},     {"hours", 0},
    {"hr", 0},      {"hrs", 0}};

const TimeUnit* FindUnit(std::string_view w) {
  for (const TimeUnit& u : kTimeUnits) {
    if (u.word == w) return &u;
  }
  return nullptr;
}

// Days per time unit, 0 for hours or a word that is not a unit.
double UnitDays(std::string_view w) {
  const TimeUnit* u = FindUnit(w);
  return u == nullptr ? 0 : u->days;
}

bool IsHours(std::string_view w) {
  const TimeUnit* u = FindUnit(w);
  return u != nullptr && u->days == 0;
}

// Sunday .. Saturday, with the short forms that are no other word ("tues", not "sat").
constexpr std::string_view kWeekdays[][2] = {
    {"sunday", ""},        {"monday", ""}, {"tuesday", "tues"}, {"wednesday", "weds"},
    {"thursday", "thurs"}, {"friday", ""}, {"saturday", ""}};

// 0 for Sunday .. 6 for Saturday, -1 for a word that is not a day of the week.
int WeekdayWord(std::string_view w) {
  for (int d = 0; d < 7; ++d) {
    if (w == kWeekdays[d][0] || (!kWeekdays[d][1].empty() && w == kWeekdays[d][1])) return d;
  }
  return -1;
}

// Words DayWord starts from, besides the weekdays.
constexpr std::string_view kDayWords[] = {"yesterday", "night",   "today",     "tonight",
                                          "morning",   "weekend", "afternoon", "evening",
                                          "lunchtime", "lunch",   "now"};

constexpr std::string_view kDecades[] = {"teens",   "twenties",  "thirties", "forties", "fifties",
                                         "sixties", "seventies", "eighties", "nineties"};

// Whether any reading below could find something: each starts from a number (digits or
// a number word), a time unit, a day or a decade. Most messages hold none, and the
// readings compare every token with dozens of words.
bool MayHoldQuantity(const NormalizedText& t) {
  static const std::unordered_set<std::string_view> kAnchors = [] {
    std::unordered_set<std::string_view> words;
    for (std::string_view w : NumberWords()) words.insert(w);
    for (const TimeUnit& u : kTimeUnits) words.insert(u.word);
    for (const auto& day : kWeekdays) {
      for (std::string_view w : day) {
        if (!w.empty()) words.insert(w);
      }
    }
    words.insert(std::begin(kDayWords), std::end(kDayWords));
    words.insert(std::begin(kDecades), std::end(kDecades));
    return words;
  }();
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string_view w = t.word(i);
    if ((w[0] >= '0' && w[0] <= '9') || kAnchors.count(w) > 0) return true;
  }
  return false;
}

// Any unit that makes a number something other than a severity or an age.
bool IsAnyUnit(std::string_view w) {
  return UnitDays(w) > 0 || IsHours(w) ||
         OneOf(w,
               {"minute",    "minutes", "mins",     "min",   "k",       "km",     "kms", "miles",
                "mile",      "mi",      "times",    "x",     "percent", "%",      "kg",  "lbs",
                "lb",        "stone",   "st",       "pm",    "am",      "oclock", "o",   "th",
                "st",        "nd",      "rd",       "steps", "metres",  "meters", "m",   "marathon",
                "marathons", "runs",    "sessions", "hrs",   "degrees", "c",      "f",   "mg",
                "ml",        "cm",      "inches",   "feet",  "foot"});
}

int Round(double v) { return static_cast<int>(std::lround(v)); }

class Reader {
 public:
  Reader(const NormalizedText& t, std::string_view expecting, std::optional<int> today)
      : t_(t),
        expecting_(expecting),
        today_(today),
        used_(t.size(), false),
        parsed_(t.size()),
        parse_state_(t.size(), kUnparsed) {}

  Quantities Read() {
    Quantities q;
    q.severity = ExplicitSeverity();
    // Asked the age, "33 yrs" is an age: read it before any duration takes the number.
    if (expecting_ == "age") q.age = ExplicitAge();
    q.duration = Duration();
    if (!q.age) q.age = ExplicitAge();
    if (!q.age) q.age = DecadeAge();
    if (!q.severity) q.severity = ContextSeverity();
    if (!q.severity && expecting_ == "severity") q.severity = BareNumber(0, 10);
    if (!q.age && expecting_ == "age") q.age = BareNumber(1, 120);
    if (!q.age && expecting_ != "severity" && expecting_ != "duration") q.age = LeadingAge();
    return q;
  }

 private:
  std::string_view At(size_t i) const { return i < t_.size() ? t_.word(i) : std::string_view(); }
  bool Free(size_t from, size_t to) const {
    for (size_t i = from; i < to && i < used_.size(); ++i) {
      if (used_[i]) return false;
    }
    return true;
  }
  void Use(size_t from, size_t to) {
    for (size_t i = from; i < to && i < used_.size(); ++i) used_[i] = true;
  }

  // ParseNumber at i, read once per token: every reading below asks again.
  bool Parse(size_t i, ParsedNumber* n) {
    if (i >= parse_state_.size()) return false;
    if (parse_state_[i] == kUnparsed) {
      parse_state_[i] = ParseNumber(t_, i, &parsed_[i]) ? kNumber : kNoNumber;
    }
    *n = parsed_[i];
    return parse_state_[i] == kNumber;
  }

  // A number at i that is not part of a larger number phrase already used.
  bool NumberAt(size_t i, ParsedNumber* n) {
    return Parse(i, n) && !n->article && Free(i, i + n->length);
  }

  // "7/10", "7 out of 10", "6 to 7 out of ten", "seven outta ten". With several
  // ("3/10 at rest, 8/10 running") the worst one counts.
  std::optional<int> ExplicitSeverity() {
    std::optional<int> worst;
    for (size_t i = 0; i < t_.size(); ++i) {
      std::optional<int> v = ExplicitSeverityAt(i);
      if (v && (!worst || *v > *worst)) worst = v;
    }
    return worst;
  }

  std::optional<int> ExplicitSeverityAt(size_t i) {
    const std::string_view w = At(i);
    if (w.size() >= 4 && w.substr(w.size() - 3) == "/10") {
      double v = 0;
      if (!ParseDecimal(w.substr(0, w.size() - 3), &v)) return std::nullopt;
      // "6 to 7/10": the higher end, the safer reading of a range.
      double lo = 0;
      if (OneOf(At(i - 1), {"to", "or"}) && ParseDecimal(At(i - 2), &lo)) Use(i - 2, i);
      Use(i, i + 1);
      return std::min(10, Round(v));
    }
    ParsedNumber n;
    if (!NumberAt(i, &n)) return std::nullopt;
    size_t k = i + n.length;
    double value = n.value;
    ParsedNumber hi;
    if (OneOf(At(k), {"to", "or"}) && NumberAt(k + 1, &hi)) {
      value = std::max(value, hi.value);
      k += 1 + hi.length;
    }
    const size_t of = At(k) == "out" && At(k + 1) == "of" ? k + 2 : At(k) == "of" ? k + 1 : 0;
    if (of == 0 || !OneOf(At(of), {"10", "ten"}) || value > 10) return std::nullopt;
    Use(i, of + 1);
    return Round(value);
  }

  // "pain is about a 6", "i would rate it 7", "severity 8".
  std::optional<int> ContextSeverity() {
    for (size_t i = 0; i < t_.size(); ++i) {
      if (!OneOf(At(i), {"pain", "severity", "score", "rating", "rate", "level", "hurts"})) {
        continue;
      }
      size_t k = i + 1;
      for (int skip = 0;
           skip < 4 && OneOf(At(k), {"is", "was", "at", "about", "around", "like", "a", "an",
                                     "maybe", "roughly", "level", "score", "of", "it", "currently",
                                     "probably", "solid", "approx", "approximately"});
           ++skip) {
        ++k;
      }
      ParsedNumber n;
      if (NumberAt(k, &n) && n.value <= 10 && !IsAnyUnit(At(k + n.length)) &&
          At(k + n.length) != "year") {
        Use(k, k + n.length);
        return Round(n.value);
      }
    }
    return std::nullopt;
  }

  std::optional<int> Duration() {
    for (size_t k = 0; k < t_.size(); ++k) {
      const std::string_view w = At(k);
      const double days = UnitDays(w);
      const bool hours = IsHours(w);
      if (days == 0 && !hours) {
        if (std::optional<int> d = DayWord(k)) return d;
        continue;
      }
      if (OneOf(At(k + 1), {"old"}) || (At(k + 1) == "of" && At(k + 2) == "age")) continue;
      // "3 days a week", "twice a week": a frequency, not how long.
      if (OneOf(At(k + 1), {"a", "per", "each", "every"}) && UnitDays(At(k + 2)) > 0) continue;
      // "last week", "since last month".
      if (days > 0 && At(k - 1) == "last" && !AboutThePast(k - 1, k + 1)) {
        Use(k - 1, k + 1);
        return Round(days);
      }
      // "week ago on the slopes": one unit, its article left out.
      if (days > 0 && At(k + 1) == "ago" && Free(k, k + 1) &&
          OneOf(w, {"day", "week", "fortnight", "month", "year"}) && !AboutThePast(k, k + 2)) {
        ParsedNumber before;
        if (k == 0 || (!Parse(k - 1, &before) && !OneOf(At(k - 1), {"a", "an", "one"}))) {
          Use(k, k + 2);
          return Round(days);
        }
      }
      // The number just before the unit: try the longest phrase first.
      for (size_t back = std::min<size_t>(k, 5); back >= 1; --back) {
        const size_t s = k - back;
        ParsedNumber n;
        if (!Parse(s, &n) || s + n.length != k || !Free(s, k)) continue;
        const std::string_view before = s > 0 ? At(s - 1) : std::string_view();
        // "a race in 2 weeks", "swelled within an hour", "after 2 weeks of rest".
        if (OneOf(before, {"in", "within", "every", "per", "next", "after", "each", "than"}) &&
            !(before == "in" && At(s - 2) == "the")) {
          break;
        }
        const bool ago = OneOf(At(k + 1), {"ago", "now", "back"});
        if (n.article && !ago &&
            !(s == 0 ||
              OneOf(before, {"for",     "about",         "around", "over", "nearly", "almost",
                             "past",    "since",         "only",   "just", "like",   "maybe",
                             "bout",    "prob",          "probably", "literally",
                             "roughly", "approximately", "approx", "ish",  "least",  "under",
                             "lasted",  "than",          ",",      "been"}))) {
          break;
        }
        // Hours count when asked, or as time ago or time so far ("sore for about an hour
        // now"); "2 hours of running" is no start.
        if (hours && !ago && expecting_ != "duration") {
          auto pain = [](std::string_view w) {
            return OneOf(w, {"been", "sore", "hurting", "aching", "painful", "swollen", "hurt",
                             "ached", "throbbing"});
          };
          // "sore for an hour", "been sore for about an hour", "for the past 2 hours".
          size_t f = s - 1;
          if (OneOf(At(f), {"about", "around", "like", "nearly", "almost", "maybe", "roughly",
                            "only", "just", "bout"})) {
            --f;
          }
          if (OneOf(At(f), {"past", "last"}) && At(f - 1) == "the") f -= 2;
          const bool so_far = At(f) == "for" && (pain(At(f - 1)) || pain(At(f - 2)));
          if (!so_far) break;
        }
        // "surgery 5 years ago" dates an earlier event; "arthroscopy 10 days ago", weeks
        // at most, is when this began.
        if (AboutThePast(s, k) && !(n.value * days < 60 && AboutRecentTreatment(s, k))) break;
        // "48 hours": whole days, fewer than 24 hours count as today.
        double value = hours ? std::floor(n.value / 24) : n.value * days;
        size_t end = k + 1;
        if (At(k + 1) == "and" && At(k + 2) == "a" && At(k + 3) == "half") {
          value += days / 2;
          end = k + 4;
        }
        Use(s, end);
        return Round(value);
      }
    }
    return std::nullopt;
  }

  // "had surgery 5 years ago", "knee replacement 2 years ago": a time, in the same
  // clause as [from, to), that dates an earlier event rather than this pain.
  bool AboutThePast(size_t from, size_t to) const {
    auto past = [](std::string_view w) {
      return OneOf(w, {"surgery",     "operation",  "op",     "replacement",  "replaced",
                       "arthroscopy", "injection",  "jab",    "diagnosed",    "reconstruction",
                       "repair",      "operated",   "before", "previously",   "previous",
                       "scope",       "keyhole",    "chemo",  "chemotherapy", "treatment",
                       "treated",     "dislocated", "broke",  "tore",         "same",
                       "shoes",       "trainers",   "new"});
    };
    for (size_t i = from; i-- > 0 && from - i <= 6 && !t_.IsPunct(i);) {
      if (past(At(i))) return true;
    }
    for (size_t i = to; i < t_.size() && i - to <= 6 && !t_.IsPunct(i); ++i) {
      if (past(At(i))) return true;
    }
    return false;
  }

  // An operation or injection named near [from, to): "keyhole surgery 10 days ago".
  bool AboutRecentTreatment(size_t from, size_t to) const {
    auto treatment = [](std::string_view w) {
      return OneOf(w, {"surgery", "operation", "op", "arthroscopy", "injection", "jab",
                       "reconstruction", "repair", "operated", "scope", "keyhole", "replacement",
                       "replaced", "procedure"});
    };
    for (size_t i = from; i-- > 0 && from - i <= 6 && !t_.IsPunct(i);) {
      if (treatment(At(i))) return true;
    }
    for (size_t i = to; i < t_.size() && i - to <= 6 && !t_.IsPunct(i); ++i) {
      if (treatment(At(i))) return true;
    }
    return false;
  }

  // "since yesterday" (1), "hurt it last night" (1), "started this morning" (0). The day
  // must be when the pain began: "who won the football last night" says nothing.
  std::optional<int> DayWord(size_t k) {
    const std::string_view w = At(k);
    int days = -1;
    size_t first = k;
    if (w == "yesterday") {
      days = 1;
      if (At(k - 1) == "before" && At(k - 2) == "day") {
        days = 2;
        first = At(k - 3) == "the" ? k - 3 : k - 2;
      }
    } else if (w == "night" && At(k - 1) == "last") {
      days = 1;
      first = k - 1;
    } else if (w == "today" || w == "tonight") {
      days = 0;
    } else if (OneOf(w, {"morning", "afternoon", "evening"}) && At(k - 1) == "this") {
      days = 0;
      first = k - 1;
    } else if (OneOf(w, {"lunchtime", "lunch"}) && At(k - 1) == "since") {
      days = 0;  // "since lunchtime"
    } else if (w == "now" && At(k - 1) == "just" && expecting_ == "duration" && k <= 2) {
      days = 0;  // "just now", asked when it started
    } else if (const int wd = WeekdayWord(w); today_ && (wd >= 0 || w == "weekend")) {
      // "since tuesday", "last friday", "since the weekend" (from its Saturday). Not
      // "next tuesday" or "this saturday": those are ahead.
      const std::string_view before = At(k - 1) == "the" ? At(k - 2) : At(k - 1);
      if (OneOf(before, {"next", "this", "coming", "until", "till", "by", "before"})) {
        return std::nullopt;
      }
      days = (*today_ - (wd >= 0 ? wd : 6) + 7) % 7;
      if (days == 0) days = 7;
      if (before == "since" || before == "last") return days;
      // A question asks about a day ahead: "can I still run my parkrun on saturday?".
      for (size_t q = k + 1; q < t_.size(); ++q) {
        if (At(q) == "?") return std::nullopt;
        if (t_.IsPunct(q)) break;
      }
      if (At(k - 1) == "the") first = k - 1;
    }
    if (days < 0) return std::nullopt;
    // The answer to "how long?": "yesterday", "the day before yesterday".
    if (expecting_ == "duration") return days;
    for (size_t b = 1; b <= 8 && b <= first && !t_.IsPunct(first - b); ++b) {
      if (OneOf(At(first - b),
                {"since",   "started", "start",  "starting", "began",   "begun",   "happened",
                 "from",    "injured", "hurt",   "fell",     "twisted", "did",     "done",
                 "swelled", "popped",  "landed", "slipped",  "tripped", "knocked", "banged",
                 "came",    "ago",     "after",  "during",   "playing", "injury",  "injured",
                 "accident"})) {
        return days;
      }
    }
    // "Yesterday I slipped on the kitchen floor", "judo last night, my knee got twisted":
    // the day opens the story of the injury.
    for (size_t a = k + 1; a < t_.size() && a <= k + 8; ++a) {
      if (t_.IsPunct(a) && At(a) != ",") break;
      if (OneOf(At(a), {"slip", "slipped", "fall", "fell", "fallen", "tripped", "twisted", "twist",
                        "hurt", "injured", "landed", "banged", "knocked", "popped", "crashed",
                        "tackled", "kicked", "collided", "dislocated", "went", "gave"})) {
        return days;
      }
    }
    return std::nullopt;
  }

  // "45 years old", "45 yo", "aged 45", "i am 45", "45 year old runner".
  std::optional<int> ExplicitAge() {
    for (size_t i = 0; i < t_.size(); ++i) {
      ParsedNumber n;
      if (!NumberAt(i, &n)) continue;
      const size_t k = i + n.length;
      const std::string_view next = At(k);
      bool age = false;
      if (OneOf(next, {"year", "years", "yr", "yrs"}) && OneOf(At(k + 1), {"old", "of"}))
        age = true;
      if (OneOf(next, {"yo", "yrs", "male", "female", "yearold", "yearsold", "f"})) age = true;
      if (next == "m" && i == 0) age = true;  // "35m, knee pain"
      // Asked the age: "33 yrs", "24 years", "66 years".
      if (expecting_ == "age" && OneOf(next, {"year", "years", "yr", "yrs", "y"}) &&
          !OneOf(At(k + 1), {"ago", "back"})) {
        age = true;
      }
      if (next == "y" && At(k + 1) == "o") age = true;
      const std::string_view before = i > 0 ? At(i - 1) : std::string_view();
      if (OneOf(before, {"aged", "age"}) || (before == "is" && i >= 2 && At(i - 2) == "age")) {
        age = !IsAnyUnit(next);
      }
      // "i am 45", "my son is 11", "she is only 14".
      size_t subject = i - 1;
      if (OneOf(At(subject), {"only", "just", "nearly", "almost", "about"})) --subject;
      const bool am = At(subject) == "am" && At(subject - 1) == "i";
      auto person = [](std::string_view w) {
        return OneOf(w, {"he",      "she",    "son",      "daughter", "child",   "kid",
                         "boy",     "girl",   "teenager", "grandson", "granddaughter",
                         "nephew",  "niece",  "stepson",  "stepdaughter", "father", "dad",
                         "mum",     "mom",    "mother",   "husband",  "wife",    "partner",
                         "grandad", "grandma", "grandpa", "nan",      "gran",    "brother",
                         "sister",  "friend", "boyfriend", "girlfriend"});
      };
      // "my daughter (16)", "son, 12,": a number right after a person.
      if (subject + 1 == i && person(At(subject)) && !IsAnyUnit(next) &&
          !OneOf(next, {"out", "of", "to", "or", "times", "days", "weeks"})) {
        age = true;
      }
      // "I'm a rower (19)", "I am a keen runner, 45".
      for (size_t back = 2; back <= 4 && back <= i; ++back) {
        if (At(i - back) == "a" && back >= 2 && At(i - back - 1) == "am" &&
            At(i - back - 2) == "i" && !IsAnyUnit(next) && !OneOf(next, {"out", "of", "to"})) {
          age = true;
        }
      }
      const bool is = OneOf(At(subject), {"is", "s"}) &&
                      OneOf(At(subject - 1), {"he", "she", "son", "daughter", "child", "kid", "boy",
                                              "girl", "teenager", "grandson", "granddaughter",
                                              "father", "dad", "mum", "mom", "mother", "husband",
                                              "wife", "partner", "grandad", "grandma", "grandpa",
                                              "nan", "gran", "brother", "sister",
                                              "nephew", "niece", "stepson", "stepdaughter"});
      if ((am || is) && subject < i && !IsAnyUnit(next) &&
          !OneOf(next, {"out", "of", "to", "or"})) {
        age = true;
      }
      if (age && n.value >= 1 && n.value <= 120) {
        Use(i, k);
        return Round(n.value);
      }
    }
    return std::nullopt;
  }

  // "in my fifties" (55), "early forties" (42), "late 60s" (68), "fifty something" (55),
  // "in my teens" (16): the middle of the decade, or its early (+2) or late (+8) part.
  // Without "my", "his" or "her" only when the age is asked, or qualified ("early 40s").
  std::optional<int> DecadeAge() {
    for (size_t i = 0; i < t_.size(); ++i) {
      int decade = -1;
      size_t end = i + 1;
      for (size_t d = 0; d < std::size(kDecades); ++d) {
        if (At(i) == kDecades[d]) decade = d == 0 ? 10 : static_cast<int>(10 * (d + 1));
      }
      double v = 0;
      // "50s", which the normaliser splits into "50 s".
      if (decade < 0 && At(i + 1) == "s" && ParseDecimal(At(i), &v) && v >= 20 && v <= 90 &&
          static_cast<int>(v) % 10 == 0) {
        decade = static_cast<int>(v);
        end = i + 2;
      }
      ParsedNumber n;
      if (decade < 0 && At(i + 1) == "something" && NumberAt(i, &n) && n.value >= 20 &&
          n.value <= 90 && static_cast<int>(n.value) % 10 == 0) {
        decade = static_cast<int>(n.value);
        end = i + n.length + 1;
        Use(i, end);
        return decade + 5;
      }
      if (decade < 0) continue;
      size_t first = i;
      int offset = decade == 10 ? 6 : 5;  // "in my teens": 16
      if (OneOf(At(i - 1), {"early", "mid", "late"})) {
        const std::string_view part = At(i - 1);
        offset = part == "early" ? (decade == 10 ? 3 : 2) : part == "late" ? 8 : offset;
        --first;
      }
      const bool mine = OneOf(At(first - 1), {"my", "his", "her", "their"});
      // "early 40s", but not "the late nineties" (years, not an age).
      const bool qualified = first < i && At(first - 1) != "the";
      if (!(mine || expecting_ == "age" || qualified)) continue;
      Use(first, end);
      return decade + offset;
    }
    return std::nullopt;
  }

  // The message opens with a bare number: "45, inner knee pain", "28f, knee pain".
  std::optional<int> LeadingAge() {
    ParsedNumber n;
    if (t_.size() == 0 || !NumberAt(0, &n) || !n.digits) return std::nullopt;
    std::string_view next = At(n.length);
    if (OneOf(next, {"m", "f"})) next = At(n.length + 1);
    if (!(next.empty() || next == "," || next == ".")) return std::nullopt;
    if (n.value < 1 || n.value > 120 || t_.size() == n.length) return std::nullopt;
    Use(0, n.length);
    return Round(n.value);
  }

  // The first free number in range, not followed by a unit: "7", "about a 6", "6 or 7".
  std::optional<int> BareNumber(int lo, int hi) {
    for (size_t i = 0; i < t_.size(); ++i) {
      ParsedNumber n;
      if (!NumberAt(i, &n)) continue;
      size_t k = i + n.length;
      double value = n.value;
      ParsedNumber second;
      if (OneOf(At(k), {"or", "to"}) && NumberAt(k + 1, &second)) {
        value = std::max(value, second.value);
        k += 1 + second.length;
      }
      if (IsAnyUnit(At(k))) continue;
      if (value < lo || value > hi) continue;
      Use(i, k);
      return Round(value);
    }
    return std::nullopt;
  }

  const NormalizedText& t_;
  std::string_view expecting_;
  std::optional<int> today_;
  std::vector<bool> used_;
  enum : uint8_t { kUnparsed, kNoNumber, kNumber };
  std::vector<ParsedNumber> parsed_;
  std::vector<uint8_t> parse_state_;
};

}  // namespace

Quantities ExtractQuantities(const NormalizedText& t, std::string_view expecting,
                             std::optional<int> today) {
  if (!MayHoldQuantity(t)) return {};
  return Reader(t, expecting, today).Read();
}

}  // namespace kneebot::intents
