// DirectLineConversations: the Direct Line conversations kept in memory, each
// with its activity history, watermark and stream subscribers.
//
//   DirectLineConversations store(&clock, limits);
//   std::shared_ptr<DirectLineConversation> c;
//   bool created = false;
//   Status s = store.Open(id, expires, &c, &created);   // bounded count
//   std::vector<std::string> ids = c->Append({echo});     // id, timestamp
//   std::string set = c->ActivitiesAfter("3");            // ActivitySet JSON
//   uint64_t sub = c->Subscribe(watermark, push);         // backlog, then live
//
// The watermark is the sequence number of the last activity in a set (the
// history length, as Microsoft's own mock uses); activity ids are
// "<conversationId>|<7-digit sequence>". Each conversation keeps at most
// max_activities activities and max_bytes of them, dropping the oldest; a
// client behind that only misses what was dropped. Conversations live until
// their latest token expires; Find and Open forget expired ones, ending their
// streams.
//
// Safe for concurrent use. Lock order: the store's mutex, then a
// conversation's; push callbacks run under the conversation's mutex and must
// only hand the frame off (post it to a strand), never call back in.
#ifndef KNEEBOT_BOT_SERVER_DIRECT_LINE_CONVERSATIONS_H_
#define KNEEBOT_BOT_SERVER_DIRECT_LINE_CONVERSATIONS_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bot/clock.h"
#include "bot/server/token_bucket.h"
#include "bot/status.h"

namespace kneebot {

struct DirectLineLimits {
  size_t max_conversations = 2000;
  size_t max_activities = 200;  // per conversation
  size_t max_bytes = 256 * 1024;  // per conversation, serialized activities
  // Per-conversation posting rate (TokenBucket); rate <= 0 disables it.
  double rate_per_second = 5.0;
  double rate_burst = 20.0;
};

// Parses a watermark: a decimal sequence number; empty or unparsable is 0
// (everything kept).
uint64_t ParseWatermark(std::string_view watermark);

class DirectLineConversation {
 public:
  // A serialized ActivitySet to send, or nullptr: the conversation is gone.
  using Push = std::function<void(std::shared_ptr<const std::string>)>;

  DirectLineConversation(std::string id, TimePoint expires, const Clock* clock,
                         const DirectLineLimits& limits);
  DirectLineConversation(const DirectLineConversation&) = delete;
  DirectLineConversation& operator=(const DirectLineConversation&) = delete;

  const std::string& id() const { return id_; }

  TimePoint expires() const;
  // Moves the expiry to `t` if that is later (a refreshed token).
  void ExtendTo(TimePoint t);

  // Assigns each activity its id, a timestamp (strictly increasing within the
  // conversation) and conversation.id, stores them, and pushes them to every
  // subscriber as one ActivitySet. Returns the ids, in order.
  std::vector<std::string> Append(std::vector<nlohmann::json> activities);

  // The ActivitySet {"activities":[...],"watermark":"N"} of what follows
  // `watermark`.
  std::string ActivitiesAfter(uint64_t watermark) const;
  uint64_t watermark() const;

  // Registers `push` for every later Append; first pushes what follows
  // `watermark`, if anything, so nothing is missed or sent twice. Returns a
  // handle for Unsubscribe. A conversation already ended pushes nullptr at
  // once.
  uint64_t Subscribe(uint64_t watermark, Push push);
  void Unsubscribe(uint64_t handle);

  // Pushes nullptr to every subscriber and drops them; later Subscribes end at
  // once.
  void End();

  // What the turn runner keeps per conversation. Guard with turn_mutex(), which
  // also serializes the conversation's turns so echo and replies stay in order.
  std::mutex& turn_mutex() { return turn_mu_; }
  struct TurnState {
    std::string session_id;  // the kneebot session; "" until the first turn
    std::string user_id;     // the latest from.id seen
    std::string locale;
    // clientActivityID -> server id of recent user activities (retries are
    // answered with the first id instead of a second turn).
    std::deque<std::pair<std::string, std::string>> recent_client_ids;
    std::optional<TokenBucket> bucket;
  };
  TurnState& turn_state() { return turn_state_; }

 private:
  struct Entry {
    uint64_t seq;
    std::string json;
  };
  std::string SetAfterLocked(uint64_t watermark) const;

  const std::string id_;
  const Clock* clock_;
  const DirectLineLimits limits_;

  mutable std::mutex mu_;
  TimePoint expires_;
  std::deque<Entry> activities_;
  size_t bytes_ = 0;
  uint64_t last_seq_ = 0;
  long long last_timestamp_ms_ = 0;
  std::vector<std::pair<uint64_t, Push>> subscribers_;
  uint64_t next_subscriber_ = 1;
  bool ended_ = false;

  std::mutex turn_mu_;
  TurnState turn_state_;
};

class DirectLineConversations {
 public:
  DirectLineConversations(const Clock* clock, DirectLineLimits limits);
  DirectLineConversations(const DirectLineConversations&) = delete;
  DirectLineConversations& operator=(const DirectLineConversations&) = delete;

  // The live conversation `id`, or nullptr (unknown or expired).
  std::shared_ptr<DirectLineConversation> Find(const std::string& id);

  // The conversation `id`, created (with `expires`) when absent; *created says
  // which. An existing one is extended to `expires`. Unavailable when the
  // store is full even after forgetting expired conversations.
  Status Open(const std::string& id, TimePoint expires,
              std::shared_ptr<DirectLineConversation>* out, bool* created);

  // Live conversations (expired ones not yet forgotten included).
  size_t size() const;

  const DirectLineLimits& limits() const { return limits_; }

 private:
  // Forgets expired conversations; returns them, to End() outside the lock.
  void SweepLocked(TimePoint now,
                   std::vector<std::shared_ptr<DirectLineConversation>>* ended);

  const Clock* clock_;
  const DirectLineLimits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<DirectLineConversation>>
      conversations_;
  size_t opens_since_sweep_ = 0;
};

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_DIRECT_LINE_CONVERSATIONS_H_
