// meta::NumberedSessions: which conversations were last shown their options as numbered text.
//
// Only for those does a typed "2" mean "option 2" (Activity::options_by_number). After
// buttons or a list the person never saw numbers, so a typed "2" is an answer ("2 days
// ago", "2 out of 10") and must reach the bot as written.
//
//   activity.options_by_number = numbered.Get(activity.session_id);
//   ... render the reply ...
//   numbered.Set(activity.session_id, rendered_as_numbered_text);
//
// In memory, one server: after a restart (or on another server) a typed number is read
// as written, which is the safe side. Bounded: past `capacity` the oldest are dropped.
#ifndef KNEEBOT_ADAPTERS_META_NUMBERED_SESSIONS_H_
#define KNEEBOT_ADAPTERS_META_NUMBERED_SESSIONS_H_

#include <deque>
#include <mutex>
#include <string>
#include <unordered_set>

namespace kneebot::meta {

class NumberedSessions {
 public:
  explicit NumberedSessions(size_t capacity = 10000) : capacity_(capacity) {}

  bool Get(const std::string& session_id) const;
  void Set(const std::string& session_id, bool numbered);

 private:
  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_set<std::string> numbered_;  // guarded by mu_
  // Guarded by mu_, oldest first. May hold an id twice (set, unset, set): dropping
  // the older copy forgets it early, which is the safe side.
  std::deque<std::string> order_;
};

}  // namespace kneebot::meta

#endif  // KNEEBOT_ADAPTERS_META_NUMBERED_SESSIONS_H_
