#include "adapters/slack/slack_channel.h"

#include <spdlog/spdlog.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "adapters/channels.h"
#include "adapters/slack/slack_blocks.h"
#include "adapters/slack/slack_signature.h"

namespace kneebot {
namespace {

using nlohmann::json;

constexpr std::string_view kRoute = "/webhooks/slack/webhook";
constexpr std::string_view kSigningSecret = "KNEEBOT_SLACK_SIGNING_SECRET";
constexpr std::string_view kBotToken = "KNEEBOT_SLACK_BOT_TOKEN";
constexpr std::string_view kApiUrl = "KNEEBOT_SLACK_API_URL";
constexpr std::string_view kDefaultApiUrl = "https://slack.com/api";

// What one accepted message or button press becomes: the turn's input and where its
// reply goes.
struct Inbound {
  std::string conversation;  // team:channel:user
  std::string channel;       // where to post
  std::string thread_ts;     // "" = in the channel itself
  std::string id;            // event_id or the action's timestamp
  std::string text;
};

// The string member `key` of `j`, or "" (absent, null or not a string).
std::string Str(const json& j, std::string_view key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

const json& Obj(const json& j, std::string_view key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kNull;
}

bool Present(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && !it->is_null();
}

// Message text as Slack sends it: &, < and > escaped, and mentions as <@U123> or
// <@U123|name>. The bot's own mention is how an app_mention starts, not words to read.
std::string ReadableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "<@") == 0) {
      const size_t close = text.find('>', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    bool replaced = false;
    for (auto [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                             {"&lt;", '<'},
                             {"&gt;", '>'}}) {
      if (text.compare(i, entity.size(), entity) == 0) {
        out += c;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  const size_t first = out.find_first_not_of(" \t\n");
  if (first == std::string::npos) return "";
  const size_t last = out.find_last_not_of(" \t\n");
  return out.substr(first, last - first + 1);
}

// Slack retries a delivery it had no 2xx for within 3 s. Every request reaching Handle
// is answered at once, so a retry's first delivery almost always reached us and its turn
// ran (or waits in the worker queue: http_timeout). The replay guard catches most of
// those, but it forgets (a restart, its window), so a retry runs a turn only when its
// reason says the first delivery never got to us.
bool RetryMayRun(const HttpRequest& req) {
  if (req.Header("x-slack-retry-num").empty()) return true;
  const std::string_view reason = req.Header("x-slack-retry-reason");
  return reason == "connection_failed" || reason == "ssl_error" ||
         reason == "too_many_redirects";
}

HttpResponse Ack() {
  HttpResponse r;
  r.content_type = "text/plain";
  return r;
}

// A payload no retry can fix: Slack is told not to retry it.
HttpResponse Malformed(std::string_view why) {
  HttpResponse r = JsonError(400, why);
  r.headers.emplace_back("X-Slack-No-Retry", "1");
  return r;
}

bool IsForm(const HttpRequest& req) {
  return req.Header("content-type").starts_with("application/x-www-form-urlencoded");
}

class SlackChannel final : public Channel {
 public:
  SlackChannel(std::string secret, std::string token, std::string api_url,
               const ChannelServices& services)
      : secret_(std::move(secret)),
        token_(std::move(token)),
        api_url_(std::move(api_url)),
        services_(services) {}

  std::string_view name() const override { return "slack"; }

  HttpResponse Handle(const HttpRequest& req, std::function<void()>* later) override {
    if (req.path != kRoute) return JsonError(404, "no such route");
    if (req.method != "POST") return JsonError(405, "use POST");
    Status verified = VerifySlackRequest(secret_, req.Header("x-slack-request-timestamp"),
                                         req.Header("x-slack-signature"), req.body,
                                         services_.clock->Now());
    if (!verified.ok()) return JsonError(401, verified.message());
    return IsForm(req) ? HandleInteraction(req, later) : HandleEvent(req, later);
  }

 private:
  HttpResponse HandleEvent(const HttpRequest& req, std::function<void()>* later) {
    const json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) return Malformed("body must be a JSON object");
    const std::string type = Str(body, "type");
    if (type == "url_verification") {
      const std::string challenge = Str(body, "challenge");
      if (challenge.empty()) return Malformed("url_verification without a challenge");
      HttpResponse r;
      r.body = json{{"challenge", challenge}}.dump();
      return r;
    }
    if (type != "event_callback") return Ack();  // app_rate_limited and the like
    const json& event = Obj(body, "event");
    const std::string event_id = Str(body, "event_id");
    if (event.is_null() || event_id.empty()) return Malformed("event_callback without event or event_id");

    const std::string event_type = Str(event, "type");
    const bool direct_message = event_type == "message" && Str(event, "channel_type") == "im";
    if (!direct_message && event_type != "app_mention") return Ack();
    // Our own posts come back as message events with bot_id; edits and deletions carry
    // a subtype. Neither is a person writing to the bot.
    if (Present(event, "bot_id") || Present(event, "subtype")) return Ack();

    Inbound in;
    in.channel = Str(event, "channel");
    const std::string user = Str(event, "user");
    if (in.channel.empty() || user.empty() || !event.contains("text") ||
        !event["text"].is_string()) {
      return Malformed("message event without channel, user or text");
    }
    std::string team = Str(body, "team_id");
    if (team.empty()) team = Str(event, "team");
    in.conversation = team + ":" + in.channel + ":" + user;
    in.thread_ts = Str(event, "thread_ts");
    if (in.thread_ts.empty() && !direct_message) in.thread_ts = Str(event, "ts");
    in.id = event_id;
    in.text = ReadableText(event["text"].get_ref<const std::string&>());

    if (!RetryMayRun(req) || !services_.replays->FirstTime("slack:" + event_id)) return Ack();
    *later = MakeTurn(std::move(in));
    return Ack();
  }

  HttpResponse HandleInteraction(const HttpRequest& req, std::function<void()>* later) {
    // The form body has a query string's syntax: HttpRequest::Query decodes it.
    HttpRequest form;
    form.query = req.body;
    const std::optional<std::string> raw = form.Query("payload");
    if (!raw) return Malformed("form body without payload");
    const json payload = json::parse(*raw, nullptr, /*allow_exceptions=*/false);
    if (!payload.is_object()) return Malformed("payload must be a JSON object");
    if (Str(payload, "type") != "block_actions") return Ack();  // we open no modals
    const auto actions = payload.find("actions");
    if (actions == payload.end() || !actions->is_array() || actions->empty() ||
        !(*actions)[0].is_object()) {
      return Malformed("block_actions without actions");
    }
    const json& action = (*actions)[0];
    if (!action.contains("value") || !action["value"].is_string()) return Ack();  // not our button

    Inbound in;
    in.channel = Str(Obj(payload, "channel"), "id");
    const std::string user = Str(Obj(payload, "user"), "id");
    const std::string action_ts = Str(action, "action_ts");
    if (in.channel.empty() || user.empty() || action_ts.empty()) {
      return Malformed("block_actions without channel, user or action_ts");
    }
    std::string team = Str(Obj(payload, "team"), "id");
    if (team.empty()) team = Str(Obj(payload, "user"), "team_id");
    in.conversation = team + ":" + in.channel + ":" + user;
    in.thread_ts = Str(Obj(payload, "container"), "thread_ts");
    if (in.thread_ts.empty()) in.thread_ts = Str(Obj(payload, "message"), "thread_ts");
    in.id = action_ts;
    in.text = action["value"].get<std::string>();

    // Slack does not retry interactions, but a double click is two of them.
    if (!RetryMayRun(req) ||
        !services_.replays->FirstTime("slack:action:" + user + ":" + action_ts)) {
      return Ack();
    }
    *later = MakeTurn(std::move(in));
    return Ack();
  }

  // The turn and its reply, after the 200 went back. Holds copies, not the channel.
  std::function<void()> MakeTurn(Inbound in) const {
    return [services = services_, token = token_, url = api_url_ + "/chat.postMessage",
            in = std::move(in)] {
      Activity activity = ChannelActivity("slack", in.conversation, in.id, in.text);
      Reply reply;
      if (!services.turns->Run(activity, &reply).ok()) return;  // the runner logged it
      const std::vector<std::pair<std::string, std::string>> headers = {
          {"Authorization", "Bearer " + token}};
      for (const json& message : SlackMessages(reply, in.channel, in.thread_ts)) {
        OutboundHttp::Response response;
        Status s = services.http->Post(
            url, headers, "application/json; charset=utf-8",
            message.dump(-1, ' ', false, json::error_handler_t::replace), &response);
        if (!s.ok()) {
          spdlog::warn("slack: chat.postMessage failed: {}", s.ToString());
          return;
        }
        // Slack answers 200 with {"ok": false, "error": "..."} for most failures.
        const json answer = json::parse(response.body, nullptr, false);
        if (response.status != 200 || !answer.is_object() || answer.value("ok", false) != true) {
          spdlog::warn("slack: chat.postMessage answered {} {}", response.status,
                       Str(answer, "error"));
          return;
        }
      }
    };
  }

  const std::string secret_;
  const std::string token_;
  const std::string api_url_;
  const ChannelServices services_;
};

}  // namespace

Status MakeSlackChannel(const Environment& env, const ChannelServices& services,
                        std::unique_ptr<Channel>* out) {
  std::map<std::string, std::string> values;
  bool enabled = false;
  Status s = ReadChannelVariables(env, "slack",
                                  {std::string(kSigningSecret), std::string(kBotToken)},
                                  {std::string(kApiUrl)}, &values, &enabled);
  if (!s.ok() || !enabled) return s;
  std::string api_url(kDefaultApiUrl);
  if (auto it = values.find(std::string(kApiUrl)); it != values.end()) api_url = it->second;
  while (api_url.ends_with('/')) api_url.pop_back();
  if (!api_url.starts_with("https://") && !api_url.starts_with("http://")) {
    return Status::InvalidArgument("slack channel: " + std::string(kApiUrl) +
                                   " must be an http(s) URL");
  }
  *out = std::make_unique<SlackChannel>(values[std::string(kSigningSecret)],
                                        values[std::string(kBotToken)], std::move(api_url),
                                        services);
  return Status::OK();
}

}  // namespace kneebot
