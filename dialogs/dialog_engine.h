// DialogEngine: the data-driven dialogue state machine and the knowledge it speaks from.
//
//   std::unique_ptr<DialogEngine> engine;
//   Status s = DialogEngine::Load({.dir = "dialogs/data", .region = "US"}, *understander,
//                                 &engine);
//   Reply r = engine->Step(
//       understander->Understand(text, engine->ListeningFor(session)), &session);
//
// Everything the bot says, every question, rule and condition comes from JSON under
// `dir` (see dialogs/README.md); Load validates it all and cross-checks intent and slot
// names against the Understander, failing with the file and JSON path of the problem.
//
// Pure: Step does no I/O, reads no clock and logs nothing, so every branch is testable.
// Immutable after Load and safe for concurrent use; share as shared_ptr<const ...>.
#ifndef KNEEBOT_DIALOGS_DIALOG_ENGINE_H_
#define KNEEBOT_DIALOGS_DIALOG_ENGINE_H_

#include <memory>
#include <string>

#include "bot/activity.h"
#include "bot/session.h"
#include "bot/status.h"
#include "intents/understander.h"
#include "intents/understanding.h"

namespace kneebot {

// ListeningFor's value while a checklist ("do any of these apply?") is pending; the
// Understander knows it (intents/understanding.h).
inline constexpr std::string_view kChecklistPending = kChecklistExpecting;

struct DialogOptions {
  // Folder holding flow.json, knowledge.json, red_flags.json, regions.json, responses.*.
  std::string dir = "dialogs/data";
  // Which emergency and non-emergency numbers the bot gives: a key of regions.json.
  std::string region = "US";
};

class DialogEngine {
 public:
  DialogEngine(const DialogEngine&) = delete;
  DialogEngine& operator=(const DialogEngine&) = delete;
  virtual ~DialogEngine() = default;

  static Status Load(const DialogOptions& options, const Understander& understander,
                     std::unique_ptr<DialogEngine>* out);

  // First reply of a new session opened with `hello`: what the bot is, the emergency
  // number, and the first question.
  virtual Reply Greet(Session* session) const = 0;
  // Reply to `hello` resuming an existing session: welcome back and the pending question
  // (or the assessment's follow-up choices).
  virtual Reply Resume(Session* session) const = 0;
  // Forget collected symptoms (the triage floor stays) and ask the first question again.
  virtual Reply Restart(Session* session) const = 0;
  // One user message. A session in phase kNew gets the introduction first.
  virtual Reply Step(const Understanding& understanding, Session* session) const = 0;
  // What the Understander should read the next message against (its `expecting`): the
  // pending question's slot, kChecklistPending while a checklist is pending (no slot:
  // its "no" means "none of these", read by Step, and its answers may name findings
  // without naming the knee), or "" when nothing is pending.
  virtual std::string ListeningFor(const Session& session) const = 0;

  // The content_version of the loaded data, logged with advice turns.
  virtual const std::string& content_version() const = 0;
  // "draft" or "approved": the clinician review status the content files declare.
  virtual const std::string& review_status() const = 0;

 protected:
  DialogEngine() = default;
};

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_DIALOG_ENGINE_H_
