// Understander: text in, Understanding out. Intents and slots, RE2 and keywords.
//
//   std::unique_ptr<Understander> u;
//   Status s = Understander::Load("intents/data", &u);   // compiles every pattern once
//   Understanding r = u->Understand("45, inner knee pain for 3 weeks, no swelling",
//                                   /*expecting=*/"location");
//   // r.slots == {"age":45,"location":"inside","duration":21,"swelling":"no"}
//   r = u->Understand("sore since tuesday", "", Weekday::kThursday);  // duration 2
//
// Values read from words (the data in intents/data says which words):
// - severity 0-10: digits or words ("7/10", "seven out of ten") or, when asked or said
//   of the pain, 0 none, 2 barely, 3 mild / not too bad, 5 moderate, 7 bad / pretty bad,
//   8 really bad / severe, 9 awful / agony, 10 unbearable / worst ever;
// - age in years: "45", "45yo", "28f", "aged 45"; decades as their middle ("in my
//   fifties" 55, "in my teens" 16), early +2 ("early forties" 42), late +8 (58);
// - duration in days: "3 months" 90, "a couple of weeks" 14, "yesterday" 1, and with
//   the three-argument Understand "since tuesday" (days back to it);
// - hedges: "not sure", "maybe" make an enum slot "unsure", but a hedged degree keeps
//   it ("maybe a little" swollen is mild).
// Contrasts that leave their second half unsaid are filled in first (lexicon.json
// "ellipsis"): "the calf is not swollen but my knee is" reads as "... my knee is swollen".
// Scope: complaints about another body part are out_of_scope_body, messages in a
// language the bot does not speak out_of_scope_other (and nothing else), and a
// complaint naming no part at all ("it clicks when I squat") a knee report.
//
// Immutable after Load and safe for concurrent use from any number of threads; share
// it as std::shared_ptr<const Understander>. Knows nothing of sockets or sessions.
#ifndef KNEEBOT_INTENTS_UNDERSTANDER_H_
#define KNEEBOT_INTENTS_UNDERSTANDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bot/status.h"
#include "intents/understanding.h"

namespace kneebot {

// The day of the week a message was written.
enum class Weekday : int { kSunday = 0, kMonday, kTuesday, kWednesday, kThursday, kFriday,
                           kSaturday };

class Understander {
 public:
  Understander(const Understander&) = delete;
  Understander& operator=(const Understander&) = delete;
  virtual ~Understander() = default;

  // Loads and validates intents.json, slots.json (and any other data files) from
  // `data_dir`. On a bad file returns InvalidArgument naming the file and the JSON
  // path of the problem, e.g. "intents.json:/intents/3/patterns/1: missing )".
  static Status Load(const std::string& data_dir, std::unique_ptr<Understander>* out);

  // `expecting` is the slot of the pending question ("" if none): a short answer
  // ("yes", "nope", "left", "7", "about two weeks") is read against it. A quick-reply
  // payload "/<slot>=<value>" fills that slot directly and "/<intent>" sets that intent.
  virtual Understanding Understand(std::string_view text,
                                   std::string_view expecting) const = 0;

  // The same, knowing the day the message was written, so that durations named by a
  // day of the week count back to it: on a Thursday "since tuesday" is 2 days, "since
  // thursday" and "last thursday" 7, "since the weekend" counts from Saturday. Without
  // the day (the overload above) such durations are left unread rather than guessed
  // from the clock.
  Understanding Understand(std::string_view text, std::string_view expecting,
                           Weekday today) const {
    return UnderstandOn(text, expecting, today);
  }

  // Every intent id the data defines (the dialogue checks its references at load).
  virtual const std::vector<std::string>& intent_ids() const = 0;
  // Every slot name slots.json defines, and the values an enum slot can take
  // (empty for integer slots).
  virtual const std::vector<std::string>& slot_names() const = 0;
  virtual std::vector<std::string> slot_values(std::string_view slot) const = 0;
  // The slots protocol.md lets a reply's `expecting` name (slots.json "protocol": true).
  virtual const std::vector<std::string>& protocol_slot_names() const = 0;

 protected:
  Understander() = default;
  // Behind the three-argument Understand; by default the day is not used.
  virtual Understanding UnderstandOn(std::string_view text, std::string_view expecting,
                                     Weekday /*today*/) const {
    return Understand(text, expecting);
  }
};

}  // namespace kneebot

#endif  // KNEEBOT_INTENTS_UNDERSTANDER_H_
