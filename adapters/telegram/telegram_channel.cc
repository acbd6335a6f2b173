#include "adapters/telegram/telegram_channel.h"

#include <openssl/crypto.h>
#include <spdlog/spdlog.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "adapters/channels.h"
#include "adapters/telegram/telegram_messages.h"
#include "adapters/telegram/telegram_update.h"

namespace kneebot {
namespace {

using nlohmann::json;

constexpr std::string_view kBotToken = "KNEEBOT_TELEGRAM_BOT_TOKEN";
constexpr std::string_view kSecretToken = "KNEEBOT_TELEGRAM_SECRET_TOKEN";
constexpr std::string_view kApiUrl = "KNEEBOT_TELEGRAM_API_URL";
constexpr std::string_view kDefaultApiUrl = "https://api.telegram.org";
constexpr std::string_view kRoute = "/webhooks/telegram/webhook";

// Sent when the turn failed, so the person is not left waiting after Telegram's 200.
constexpr std::string_view kTurnFailed =
    "Sorry, something went wrong on our side. Please send your last message again.";

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool AllOf(std::string_view s, std::string_view extra) {
  for (char c : s) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// "<digits>:<letters, digits, _ and ->": nothing that could change the URL's path.
bool LooksLikeBotToken(std::string_view t) {
  const size_t colon = t.find(':');
  return colon != std::string_view::npos && colon > 0 && colon + 1 < t.size() &&
         AllOf(t.substr(0, colon), "") && AllOf(t.substr(colon + 1), "_-");
}

// setWebhook's rule: 1-256 characters of A-Z, a-z, 0-9, _ and -.
bool LooksLikeSecretToken(std::string_view t) {
  return !t.empty() && t.size() <= 256 && AllOf(t, "_-");
}

HttpResponse Ack() {
  HttpResponse r;
  r.body = "{}";
  return r;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// The Bot API calls and the turn of one update: copied into *later, so it does not
// rely on the channel still being there when the worker runs it.
struct Responder {
  ChannelServices services;
  std::string method_url;  // "<api>/bot<token>/": a secret, never logged

  // After the 200: the callback's answer, the turn, the reply.
  void Answer(const TelegramUpdate& update) const {
    if (update.kind == TelegramUpdate::Kind::kCallback) {
      Call("answerCallbackQuery", {{"callback_query_id", update.callback_query_id}});
      if (update.text.empty() || !update.chat_id) return;  // nothing to say, or nowhere
    }
    const std::string chat = std::to_string(*update.chat_id);
    Activity activity =
        ChannelActivity("telegram", chat, std::to_string(update.update_id), update.text);
    Reply reply;
    if (!services.turns->Run(activity, &reply).ok()) {  // the runner logged it
      Call("sendMessage", {{"chat_id", *update.chat_id}, {"text", kTurnFailed}});
      return;
    }
    // In order, and no later part once one failed: a part must never arrive without
    // the ones before it (an emergency reply's first names the number to call).
    for (const json& message : TelegramMessages(*update.chat_id, reply)) {
      if (!Call("sendMessage", message)) return;
    }
  }

  // One Bot API call; false when it did not succeed. Logs the method and status only:
  // the URL holds the token, the body the person's conversation.
  bool Call(std::string_view method, const json& body) const {
    OutboundHttp::Response response;
    Status s = services.http->Post(method_url + std::string(method), {}, "application/json",
                                   Dump(body), &response);
    if (!s.ok()) {
      spdlog::warn("telegram: {} failed: {}", method, s.ToString());
      return false;
    }
    if (response.status < 200 || response.status >= 300) {
      const json answer = json::parse(response.body, nullptr, false);
      const json code = answer.is_object() ? answer.value("error_code", json()) : json();
      spdlog::warn("telegram: {} answered {} (error_code {})", method, response.status,
                   code.is_number_integer() ? std::to_string(code.get<int64_t>()) : "none");
      return false;
    }
    return true;
  }
};

class TelegramChannel final : public Channel {
 public:
  TelegramChannel(std::string secret, std::string method_url, const ChannelServices& services)
      : secret_(std::move(secret)), responder_{services, std::move(method_url)} {}

  std::string_view name() const override { return "telegram"; }

  HttpResponse Handle(const HttpRequest& req, std::function<void()>* later) override {
    if (req.path != kRoute) return JsonError(404, "no such route");
    if (req.method != "POST") return JsonError(405, "use POST");
    if (!SameSecret(req.Header("x-telegram-bot-api-secret-token"), secret_)) {
      return JsonError(401, "missing or wrong secret token");
    }
    TelegramUpdate update;
    Status s = ParseTelegramUpdate(req.body, &update);
    if (!s.ok()) return JsonError(400, s.message());
    if (update.kind == TelegramUpdate::Kind::kIgnored) return Ack();
    if (!responder_.services.replays->FirstTime("telegram:" + std::to_string(update.update_id))) {
      return Ack();  // Telegram's resend of an update already taken
    }
    *later = [responder = responder_, update = std::move(update)] { responder.Answer(update); };
    return Ack();
  }

 private:
  const std::string secret_;
  const Responder responder_;
};

}  // namespace

Status MakeTelegramChannel(const Environment& env, const ChannelServices& services,
                           std::unique_ptr<Channel>* out) {
  std::map<std::string, std::string> values;
  bool enabled = false;
  Status s = ReadChannelVariables(env, "telegram",
                                  {std::string(kBotToken), std::string(kSecretToken)},
                                  {std::string(kApiUrl)}, &values, &enabled);
  if (!s.ok() || !enabled) return s;
  const std::string& token = values[std::string(kBotToken)];
  const std::string& secret = values[std::string(kSecretToken)];
  // The messages name the variable, never its value.
  if (!LooksLikeBotToken(token)) {
    return Status::InvalidArgument("telegram channel: " + std::string(kBotToken) +
                                   " is not a bot token (<digits>:<letters, digits, _ or ->)");
  }
  if (!LooksLikeSecretToken(secret)) {
    return Status::InvalidArgument("telegram channel: " + std::string(kSecretToken) +
                                   " must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
  }
  std::string api_url(kDefaultApiUrl);
  if (auto it = values.find(std::string(kApiUrl)); it != values.end()) api_url = it->second;
  while (api_url.ends_with('/')) api_url.pop_back();
  if (!api_url.starts_with("https://") && !api_url.starts_with("http://")) {
    return Status::InvalidArgument("telegram channel: " + std::string(kApiUrl) +
                                   " must be an http(s) URL");
  }
  if (services.turns == nullptr || services.http == nullptr || services.replays == nullptr) {
    return Status::Internal("telegram channel: needs the turn runner, outbound HTTP and replay guard");
  }
  *out = std::make_unique<TelegramChannel>(secret, api_url + "/bot" + token + "/", services);
  return Status::OK();
}

}  // namespace kneebot
