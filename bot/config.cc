#include "bot/config.h"

#include <charconv>
#include <cstdint>
#include <string_view>

namespace kneebot {
namespace {

constexpr std::string_view kRegions[] = {"US", "UK", "EU", "AU"};
constexpr std::string_view kLogLevels[] = {"trace", "debug",    "info", "warn",
                                           "error", "critical", "off"};

// Parses a whole decimal integer in [lo, hi].
Status ParseInt(std::string_view flag, std::string_view value, int64_t lo,
                int64_t hi, int64_t* out) {
  int64_t v = 0;
  auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < lo ||
      v > hi) {
    return Status::InvalidArgument(
        "--" + std::string(flag) + ": '" + std::string(value) +
        "' is not a whole number from " + std::to_string(lo) + " to " +
        std::to_string(hi));
  }
  *out = v;
  return Status::OK();
}

template <size_t N>
bool OneOf(std::string_view value, const std::string_view (&options)[N]) {
  for (auto o : options) {
    if (o == value) return true;
  }
  return false;
}

template <size_t N>
std::string Join(const std::string_view (&options)[N]) {
  std::string out;
  for (auto o : options) {
    if (!out.empty()) out += ", ";
    out += o;
  }
  return out;
}

Status Apply(std::string_view flag, std::string_view value, Config* c) {
  int64_t n = 0;
  if (flag == "port") {
    Status s = ParseInt(flag, value, 0, 65535, &n);
    if (!s.ok()) return s;
    c->server.port = static_cast<uint16_t>(n);
  } else if (flag == "bind") {
    if (value.empty()) return Status::InvalidArgument("--bind: empty address");
    c->server.bind = std::string(value);
  } else if (flag == "threads") {
    Status s = ParseInt(flag, value, 1, 256, &n);
    if (!s.ok()) return s;
    c->server.threads = static_cast<int>(n);
  } else if (flag == "region") {
    if (!OneOf(value, kRegions)) {
      return Status::InvalidArgument("--region: '" + std::string(value) +
                                     "' is not one of " + Join(kRegions));
    }
    c->region = std::string(value);
  } else if (flag == "content-root") {
    if (value.empty())
      return Status::InvalidArgument("--content-root: empty path");
    c->content_root = std::string(value);
  } else if (flag == "session-ttl-minutes") {
    Status s = ParseInt(flag, value, 1, 7 * 24 * 60, &n);
    if (!s.ok()) return s;
    c->session_ttl = std::chrono::minutes(n);
  } else if (flag == "idle-timeout-seconds") {
    Status s = ParseInt(flag, value, 2, 24 * 3600, &n);
    if (!s.ok()) return s;
    c->server.ws_idle_timeout = std::chrono::seconds(n);
  } else if (flag == "rate-per-second") {
    Status s = ParseInt(flag, value, 0, 1000000, &n);
    if (!s.ok()) return s;
    c->server.rate_per_second = static_cast<double>(n);
  } else if (flag == "log-level") {
    if (!OneOf(value, kLogLevels)) {
      return Status::InvalidArgument("--log-level: '" + std::string(value) +
                                     "' is not one of " + Join(kLogLevels));
    }
    c->log_level = std::string(value);
  } else {
    return Status::InvalidArgument("unknown flag --" + std::string(flag) +
                                   " (try --help)");
  }
  return Status::OK();
}

}  // namespace

Status ParseFlags(int argc, const char* const* argv, Config* config) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      config->help = true;
      continue;
    }
    if (arg == "--check-content") {
      config->mode = Mode::kCheckContent;
      continue;
    }
    if (arg == "--chat") {
      config->mode = Mode::kChat;
      continue;
    }
    if (arg.substr(0, 2) != "--" || arg.size() == 2) {
      return Status::InvalidArgument("unexpected argument '" +
                                     std::string(arg) + "' (try --help)");
    }
    arg.remove_prefix(2);
    std::string_view flag = arg;
    std::string_view value;
    if (auto eq = arg.find('='); eq != std::string_view::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    } else {
      if (i + 1 >= argc) {
        return Status::InvalidArgument("--" + std::string(flag) +
                                       ": missing value");
      }
      value = argv[++i];
    }
    Status s = Apply(flag, value, config);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

std::string Usage(const Config& d) {
  std::string u;
  u += "Usage: kneebot [flags]\n\n";
  u += "kneebot: knee-pain guidance chat. Serves the web widget, /ws, /healthz "
       "and /metrics.\n\n";
  u += "  --port N                  TCP port (0 picks a free one; default " +
       std::to_string(d.server.port) + ")\n";
  u += "  --bind ADDR               address to listen on (default " +
       d.server.bind + ")\n";
  u += "  --threads N               network threads (default " +
       std::to_string(d.server.threads) + ")\n";
  u += "  --region R                emergency numbers for " + Join(kRegions) +
       " (default " + d.region + ")\n";
  u += "  --content-root DIR        holds intents/data, dialogs/data, "
       "adapters/web\n";
  u += "                            (default " + d.content_root + ")\n";
  u += "  --session-ttl-minutes N   forget conversations idle this long "
       "(default " +
       std::to_string(d.session_ttl.count()) + ")\n";
  u += "  --idle-timeout-seconds N  drop unresponsive WebSocket peers after "
       "this long\n";
  u += "                            (pings go at half of it; default " +
       std::to_string(d.server.ws_idle_timeout.count()) + ")\n";
  u += "  --rate-per-second N       frames per second per connection, bursts "
       "of " +
       std::to_string(static_cast<int>(d.server.rate_burst)) +
       "\n                            (0: no limit, for load tests; default " +
       std::to_string(static_cast<int>(d.server.rate_per_second)) + ")\n";
  u += "  --log-level L             " + Join(kLogLevels) + " (default " +
       d.log_level + ")\n";
  u += "  --check-content           validate the content files, print a summary and "
       "exit\n";
  u += "                            (0: fine, 1: the first problem, by file and JSON "
       "path)\n";
  u += "  --chat                    talk to the bot in this terminal, showing the "
       "slots,\n";
  u += "                            the rules that fired and the level after each "
       "turn\n";
  u += "  --help                    this text\n\n";
  u += "Environment:\n";
  u += "  KNEEBOT_DIRECTLINE_SECRET turns on Direct Line 3.0 for Microsoft Web "
       "Chat under\n";
  u += "                            /v3/directline (at least 16 characters; "
       "unset: off)\n";
  return u;
}

}  // namespace kneebot
