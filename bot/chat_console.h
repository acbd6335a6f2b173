// ChatConsole: the dialogue in a terminal, for a clinician reviewing the content
// (`kneebot --chat`), like `rasa shell` with its debug output.
//
//   RunChat(&bot, &store, std::cin, std::cout);
//
// Each line read is one message through the real turn pipeline. After the bot's
// bubbles and quick replies it shows the session's slots, the rule ids behind the level
// and the level. Typing a quick reply's number sends its payload; "/restart" starts
// over and "/quit" (or the end of input) leaves.
#ifndef KNEEBOT_BOT_CHAT_CONSOLE_H_
#define KNEEBOT_BOT_CHAT_CONSOLE_H_

#include <iosfwd>

#include "bot/bot.h"
#include "bot/session_store.h"

namespace kneebot {

// Returns the process exit code: 0, or 1 when a turn failed.
int RunChat(Bot* bot, SessionStore* store, std::istream& in, std::ostream& out);

}  // namespace kneebot

#endif  // KNEEBOT_BOT_CHAT_CONSOLE_H_
