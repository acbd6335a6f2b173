// kneebot: wiring only. Parse flags, load and validate the content, start the
// server, wait for SIGINT/SIGTERM, shut down gracefully.
#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "bot/bot.h"
#include "bot/chat_console.h"
#include "bot/clock.h"
#include "bot/config.h"
#include "bot/server/server.h"
#include "bot/session_store.h"
#include "dialogs/dialog_engine.h"
#include "intents/understander.h"

namespace {

int Fail(const kneebot::Status& s) {
  std::cerr << "kneebot: " << s.message() << std::endl;
  return EXIT_FAILURE;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kneebot;

  Config config;
  // Works from the checkout without flags; deployments pass --content-root.
  config.content_root = KNEEBOT_SOURCE_DIR;
  config.server.threads = std::max(1u, std::thread::hardware_concurrency());
  Status s = ParseFlags(argc, argv, &config);
  if (!s.ok()) return Fail(s);
  if (config.help) {
    std::cout << Usage(config);
    return EXIT_SUCCESS;
  }

  for (const char* name : {"config", "net", "turn"})
    spdlog::stdout_color_mt(name);
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  auto log = spdlog::get("config");

  // Block the shutdown signals before any thread starts, so every thread
  // inherits the mask and only sigwait below sees them: no async-signal-safety
  // puzzles.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<Understander> understander;
  s = Understander::Load(config.intents_dir(), &understander);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<DialogEngine> engine;
  s = DialogEngine::Load({config.dialogs_dir(), config.region}, *understander,
                         &engine);
  if (!s.ok()) return Fail(s);
  std::shared_ptr<const Understander> shared_understander =
      std::move(understander);
  std::shared_ptr<const DialogEngine> shared_engine = std::move(engine);

  if (config.mode == Mode::kCheckContent) {
    std::cout << "kneebot: content OK (version " << shared_engine->content_version()
              << ", review " << shared_engine->review_status() << ") in "
              << config.content_root << "\n";
    return EXIT_SUCCESS;
  }

  SystemClock clock;
  MemorySessionStore store(&clock, config.session_ttl);
  Bot bot(shared_understander, shared_engine, &store, &clock);
  if (config.mode == Mode::kChat) return RunChat(&bot, &store, std::cin, std::cout);

  ServerOptions options = config.server;
  options.web_root = config.web_dir();
  // Direct Line (Web Chat) is on only with a secret, which never comes from
  // flags (they show in `ps`) and is never logged.
  if (const char* secret = std::getenv("KNEEBOT_DIRECTLINE_SECRET");
      secret != nullptr && *secret != '\0') {
    options.direct_line.secret = secret;
    if (options.direct_line.secret.size() < 16) {
      return Fail(Status::InvalidArgument(
          "KNEEBOT_DIRECTLINE_SECRET is shorter than 16 characters; use a "
          "long random value (e.g. openssl rand -hex 32)"));
    }
  }
  Server server(
      options,
      [&bot](const Activity& in, Reply* reply, TurnInfo* info) {
        return bot.OnTurn(in, reply, info);
      },
      shared_engine->content_version());
  s = server.Start();
  if (!s.ok()) return Fail(s);

  log->info(
      "started region={} threads={} content_version={} session_ttl_min={} "
      "directline={}",
      config.region, options.threads, shared_engine->content_version(),
      config.session_ttl.count(),
      options.direct_line.secret.empty() ? "off" : "on");
  std::string host = options.bind.find(':') != std::string::npos
                         ? "[" + options.bind + "]"
                         : options.bind;
  std::cout << "kneebot listening on http://" << host << ":" << server.port()
            << "/ — open it in a browser" << std::endl;

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  log->info("signal {}: shutting down", signal_number);
  server.Stop();
  log->info("stopped");
  return EXIT_SUCCESS;
}
