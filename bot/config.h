// Config: kneebot's command-line flags.
//
//   Config config;                       // defaults in place
//   config.content_root = KNEEBOT_SOURCE_DIR;
//   Status s = ParseFlags(argc, argv, &config);
//   if (!s.ok()) { std::cerr << "kneebot: " << s.message() << "\n"; return 1; }
//   if (config.help) { std::cout << Usage(); return 0; }
//
// Flags take `--name value` or `--name=value`. Unknown flags and bad values are
// InvalidArgument errors naming the flag: a typo must not start a server with
// settings nobody asked for. No secrets are read here (they come from the
// environment, later).
#ifndef KNEEBOT_BOT_CONFIG_H_
#define KNEEBOT_BOT_CONFIG_H_

#include <chrono>
#include <string>

#include "bot/server/server_options.h"
#include "bot/status.h"

namespace kneebot {

// What the binary does: serve (the default), or one of the clinician's tools.
enum class Mode {
  kServe,         // the HTTP and WebSocket server
  kCheckContent,  // --check-content: validate the content files and exit
  kChat,          // --chat: the dialogue in the terminal, with slots, rules and level
};

struct Config {
  // --port, --bind, --threads, --idle-timeout-seconds, --rate-per-second land
  // here.
  ServerOptions server;
  // --region: which emergency numbers the bot gives. One of US, UK, EU, AU.
  std::string region = "US";
  // --content-root: holds intents/data, dialogs/data and adapters/web.
  std::string content_root = ".";
  // --session-ttl-minutes: a conversation idle this long is forgotten.
  std::chrono::minutes session_ttl{60};
  // --log-level: trace, debug, info, warn, error, critical or off.
  std::string log_level = "info";
  // --help was given.
  bool help = false;
  Mode mode = Mode::kServe;

  std::string intents_dir() const { return content_root + "/intents/data"; }
  std::string dialogs_dir() const { return content_root + "/dialogs/data"; }
  std::string web_dir() const { return content_root + "/adapters/web"; }
};

// Overwrites the fields of *config that the flags in argv[1..argc) set; the
// others keep the values *config had. Returns InvalidArgument naming the flag
// on any problem.
Status ParseFlags(int argc, const char* const* argv, Config* config);

// The --help text, showing `defaults` as the default values.
std::string Usage(const Config& defaults);

}  // namespace kneebot

#endif  // KNEEBOT_BOT_CONFIG_H_
