// Understander: text in, Understanding out. Intents and slots, RE2 and keywords.
//
//   std::unique_ptr<Understander> u;
//   Status s = Understander::Load("intents/data", &u);   // compiles every pattern once
//   Understanding r = u->Understand("45, inner knee pain for 3 weeks, no swelling",
//                                   /*expecting=*/"location");
//   // r.slots == {"age":45,"location":"inside","duration":21,"swelling":"no"}
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

  // Every intent id the data defines (the dialogue checks its references at load).
  virtual const std::vector<std::string>& intent_ids() const = 0;
  // Every slot name slots.json defines, and the values an enum slot can take
  // (empty for integer slots).
  virtual const std::vector<std::string>& slot_names() const = 0;
  virtual std::vector<std::string> slot_values(std::string_view slot) const = 0;

 protected:
  Understander() = default;
};

}  // namespace kneebot

#endif  // KNEEBOT_INTENTS_UNDERSTANDER_H_
