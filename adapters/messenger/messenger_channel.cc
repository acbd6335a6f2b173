#include "adapters/messenger/messenger_channel.h"

#include <map>
#include <string>
#include <vector>

#include "adapters/channels.h"
#include "adapters/messenger/messenger_messages.h"
#include "adapters/meta/graph_config.h"
#include "adapters/meta/graph_send.h"
#include "adapters/meta/meta_webhook.h"
#include "adapters/meta/numbered_sessions.h"

namespace kneebot {
namespace {

using meta::AnswerVerifyHandshake;
using meta::GraphSend;
using meta::HubSignatureValid;
using meta::NumberedSessions;

constexpr std::string_view kName = "messenger";
constexpr std::string_view kRoute = "/webhooks/messenger/webhook";

struct MessengerConfig {
  std::string app_secret;
  std::string verify_token;
  GraphSend send;
};

class MessengerChannel final : public Channel {
 public:
  MessengerChannel(MessengerConfig config, const ChannelServices& services)
      : config_(std::move(config)), services_(services) {}

  std::string_view name() const override { return kName; }

  HttpResponse Handle(const HttpRequest& req, std::function<void()>* later) override {
    if (req.path != kRoute) return JsonError(404, "no such route");
    if (req.method == "GET") return AnswerVerifyHandshake(req, config_.verify_token);
    if (req.method != "POST") return JsonError(405, "use GET or POST");
    if (!HubSignatureValid(config_.app_secret, req.body, req.Header("x-hub-signature-256"))) {
      return JsonError(401, "missing or wrong X-Hub-Signature-256");
    }
    std::vector<MessengerInbound> messages;
    if (!ParseMessengerWebhook(req.body, &messages)) {
      return JsonError(400, "body must be a JSON object");
    }
    std::vector<MessengerInbound> fresh;
    for (MessengerInbound& m : messages) {
      // Meta retries a delivery it saw no 200 for: the same mid never runs twice.
      if (services_.replays != nullptr && !services_.replays->FirstTime("messenger:" + m.id)) {
        continue;
      }
      fresh.push_back(std::move(m));
    }
    // Meta wants its 200 quickly; turns and replies run after it was sent, in the
    // order the batch listed them.
    if (!fresh.empty()) {
      auto work = [this, fresh = std::move(fresh)] {
        for (const MessengerInbound& m : fresh) Answer(m);
      };
      if (later != nullptr) {
        *later = std::move(work);
      } else {
        work();  // a caller without a `later` still gets its turns run
      }
    }
    HttpResponse ok;
    ok.body = "{}";
    return ok;
  }

 private:
  void Answer(const MessengerInbound& m) {
    Activity in = ChannelActivity(kName, m.sender, m.id, m.text);
    in.options_by_number = numbered_.Get(in.session_id);
    Reply reply;
    // A failed turn was logged by the runner; no reply goes out.
    if (!services_.turns->Run(in, &reply).ok()) return;
    MessengerRendering out = RenderMessengerReply(reply, m.sender);
    numbered_.Set(in.session_id, out.numbered);
    // A refusal was logged (status and Graph's error code); nothing more to do with it.
    (void)config_.send.PostAll(out.messages);
  }

  const MessengerConfig config_;
  const ChannelServices services_;
  NumberedSessions numbered_;
};

}  // namespace

Status MakeMessengerChannel(const Environment& env, const ChannelServices& services,
                            std::unique_ptr<Channel>* out) {
  out->reset();
  std::map<std::string, std::string> v;
  bool enabled = false;
  Status s = ReadChannelVariables(
      env, kName,
      {"KNEEBOT_MESSENGER_PAGE_TOKEN", "KNEEBOT_MESSENGER_APP_SECRET",
       "KNEEBOT_MESSENGER_VERIFY_TOKEN"},
      {"KNEEBOT_GRAPH_API_URL"}, &v, &enabled);
  if (!s.ok() || !enabled) return s;
  if (services.turns == nullptr || services.http == nullptr) {
    return Status::Internal("messenger channel: needs the server's turn runner and outbound "
                            "HTTP client");
  }
  std::string graph;
  s = meta::GraphApiUrl(kName, v, &graph);
  if (!s.ok()) return s;

  MessengerConfig config;
  config.app_secret = v["KNEEBOT_MESSENGER_APP_SECRET"];
  config.verify_token = v["KNEEBOT_MESSENGER_VERIFY_TOKEN"];
  config.send.http = services.http;
  // channels.md §5.3 and Meta's Send API docs pass the page token as a query parameter.
  config.send.url =
      graph + "/me/messages?access_token=" + meta::QueryEscape(v["KNEEBOT_MESSENGER_PAGE_TOKEN"]);
  config.send.channel = std::string(kName);
  *out = std::make_unique<MessengerChannel>(std::move(config), services);
  return Status::OK();
}

}  // namespace kneebot
