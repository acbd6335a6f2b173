#include "adapters/whatsapp/whatsapp_channel.h"

#include <map>
#include <string>
#include <vector>

#include "adapters/channels.h"
#include "adapters/meta/graph_config.h"
#include "adapters/meta/graph_send.h"
#include "adapters/meta/meta_webhook.h"
#include "adapters/meta/numbered_sessions.h"
#include "adapters/whatsapp/whatsapp_messages.h"

namespace kneebot {
namespace {

using meta::AnswerVerifyHandshake;
using meta::GraphSend;
using meta::HubSignatureValid;
using meta::NumberedSessions;

constexpr std::string_view kName = "whatsapp";
constexpr std::string_view kRoute = "/webhooks/whatsapp/webhook";

struct WhatsAppConfig {
  std::string app_secret;
  std::string verify_token;
  std::string phone_number_id;
  GraphSend send;
};

class WhatsAppChannel final : public Channel {
 public:
  WhatsAppChannel(WhatsAppConfig config, const ChannelServices& services)
      : config_(std::move(config)), services_(services) {}

  std::string_view name() const override { return kName; }

  HttpResponse Handle(const HttpRequest& req, std::function<void()>* later) override {
    if (req.path != kRoute) return JsonError(404, "no such route");
    if (req.method == "GET") return AnswerVerifyHandshake(req, config_.verify_token);
    if (req.method != "POST") return JsonError(405, "use GET or POST");
    if (!HubSignatureValid(config_.app_secret, req.body, req.Header("x-hub-signature-256"))) {
      return JsonError(401, "missing or wrong X-Hub-Signature-256");
    }
    std::vector<WhatsAppInbound> messages;
    if (!ParseWhatsAppWebhook(req.body, &messages)) {
      return JsonError(400, "body must be a JSON object");
    }
    std::vector<WhatsAppInbound> fresh;
    for (WhatsAppInbound& m : messages) {
      // One app may serve several numbers; a reply can only go out from ours.
      if (!m.phone_number_id.empty() && m.phone_number_id != config_.phone_number_id) continue;
      // Meta retries a delivery it saw no 200 for: the same wamid never runs twice.
      if (services_.replays != nullptr && !services_.replays->FirstTime("whatsapp:" + m.id)) {
        continue;
      }
      fresh.push_back(std::move(m));
    }
    // Meta wants its 200 quickly; turns and replies run after it was sent, in the
    // order the batch listed them.
    if (!fresh.empty()) {
      auto work = [this, fresh = std::move(fresh)] {
        for (const WhatsAppInbound& m : fresh) Answer(m);
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
  void Answer(const WhatsAppInbound& m) {
    Activity in = ChannelActivity(kName, m.from, m.id, m.text);
    in.options_by_number = numbered_.Get(in.session_id);
    Reply reply;
    // A failed turn was logged by the runner; no reply goes out.
    if (!services_.turns->Run(in, &reply).ok()) return;
    WhatsAppRendering out = RenderWhatsAppReply(reply, m.from);
    numbered_.Set(in.session_id, out.numbered);
    // A refusal was logged (status and Graph's error code); nothing more to do with it.
    (void)config_.send.PostAll(out.messages);
  }

  const WhatsAppConfig config_;
  const ChannelServices services_;
  NumberedSessions numbered_;
};

}  // namespace

Status MakeWhatsAppChannel(const Environment& env, const ChannelServices& services,
                           std::unique_ptr<Channel>* out) {
  out->reset();
  std::map<std::string, std::string> v;
  bool enabled = false;
  Status s = ReadChannelVariables(
      env, kName,
      {"KNEEBOT_WHATSAPP_ACCESS_TOKEN", "KNEEBOT_WHATSAPP_APP_SECRET",
       "KNEEBOT_WHATSAPP_VERIFY_TOKEN", "KNEEBOT_WHATSAPP_PHONE_NUMBER_ID"},
      {"KNEEBOT_GRAPH_API_URL"}, &v, &enabled);
  if (!s.ok() || !enabled) return s;
  if (services.turns == nullptr || services.http == nullptr) {
    return Status::Internal("whatsapp channel: needs the server's turn runner and outbound "
                            "HTTP client");
  }
  const std::string& phone = v["KNEEBOT_WHATSAPP_PHONE_NUMBER_ID"];
  if (!meta::IsPathSafeId(phone)) {
    return Status::InvalidArgument(
        "whatsapp channel: KNEEBOT_WHATSAPP_PHONE_NUMBER_ID must be the number's id "
        "(letters, digits, '_', '-')");
  }
  std::string graph;
  s = meta::GraphApiUrl(kName, v, &graph);
  if (!s.ok()) return s;

  WhatsAppConfig config;
  config.app_secret = v["KNEEBOT_WHATSAPP_APP_SECRET"];
  config.verify_token = v["KNEEBOT_WHATSAPP_VERIFY_TOKEN"];
  config.phone_number_id = phone;
  config.send.http = services.http;
  config.send.url = graph + "/" + phone + "/messages";
  config.send.headers = {{"Authorization", "Bearer " + v["KNEEBOT_WHATSAPP_ACCESS_TOKEN"]}};
  config.send.channel = std::string(kName);
  *out = std::make_unique<WhatsAppChannel>(std::move(config), services);
  return Status::OK();
}

}  // namespace kneebot
