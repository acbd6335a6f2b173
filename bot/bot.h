// Bot: the fixed per-turn pipeline every channel goes through.
//
//   load session (or open one) -> understand the text -> dialogue step -> save
//
//   Bot bot(understander, engine, &store, &clock);
//   Reply reply;
//   TurnInfo info;
//   Status s = bot.OnTurn(activity, &reply, &info);
//
// Safe for concurrent use. Turns of one session are serialized by the store's
// compare-and-set save: a turn that loses the race reloads and runs once more.
#ifndef KNEEBOT_BOT_BOT_H_
#define KNEEBOT_BOT_BOT_H_

#include <memory>
#include <string>

#include "bot/activity.h"
#include "bot/clock.h"
#include "bot/session_store.h"
#include "bot/status.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"

namespace kneebot {

// What a turn did, for the log line and the metrics. Holds no message text.
struct TurnInfo {
  std::string session_id;
  std::string intent;         // best intent, empty if none
  int slots_filled = 0;       // slots the message filled
  std::string expecting;      // pending question after the turn
  TriageLevel triage = TriageLevel::kNone;  // level in this reply, kNone if none
  // The triage rules behind that level ("U1,D10"), "-" when none: with the content
  // version, what an audit of the decision needs.
  std::string rules = "-";
  Scope scope = Scope::kUnset;  // what the message was about
  bool new_session = false;
  bool resumed = false;
};

class Bot {
 public:
  Bot(std::shared_ptr<const Understander> understander,
      std::shared_ptr<const DialogEngine> engine, SessionStore* store, const Clock* clock);
  Bot(const Bot&) = delete;
  Bot& operator=(const Bot&) = delete;

  // Runs one turn and fills *reply (reply->session_id is always set on success).
  // hello with an unknown or expired session id opens a new session. Returns the
  // store's error if the session cannot be saved after one retry.
  Status OnTurn(const Activity& in, Reply* reply, TurnInfo* info);

 private:
  Status RunOnce(const Activity& in, Reply* reply, TurnInfo* info);

  std::shared_ptr<const Understander> understander_;
  std::shared_ptr<const DialogEngine> engine_;
  SessionStore* store_;
  const Clock* clock_;
};

// A new random session id: 32 hex characters from OpenSSL's CSPRNG.
std::string NewSessionId();

}  // namespace kneebot

#endif  // KNEEBOT_BOT_BOT_H_
