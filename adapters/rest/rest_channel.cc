#include "adapters/rest/rest_channel.h"

#include <openssl/crypto.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bot/triage.h"

namespace kneebot {
namespace {

using nlohmann::json;

constexpr size_t kMaxSender = 256;
constexpr size_t kMaxMessage = 4000;

bool SameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

class RestChannel final : public Channel {
 public:
  RestChannel(std::string token, const ChannelServices& services)
      : token_(std::move(token)), services_(services) {}

  std::string_view name() const override { return "rest"; }

  HttpResponse Handle(const HttpRequest& req, std::function<void()>*) override {
    if (req.path != "/webhooks/rest/webhook") return JsonError(404, "no such route");
    if (req.method != "POST") return JsonError(405, "use POST");
    if (!token_.empty()) {
      std::string_view auth = req.Header("authorization");
      constexpr std::string_view kBearer = "Bearer ";
      if (auth.substr(0, kBearer.size()) != kBearer ||
          !SameSecret(auth.substr(kBearer.size()), token_)) {
        return JsonError(401, "missing or wrong bearer token");
      }
    }
    json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (!body.is_object()) return JsonError(400, "body must be a JSON object");
    if (!body.contains("sender") || !body["sender"].is_string() ||
        body["sender"].get_ref<const std::string&>().empty()) {
      return JsonError(400, "'sender' must be a non-empty string");
    }
    if (!body.contains("message") || !body["message"].is_string()) {
      return JsonError(400, "'message' must be a string");
    }
    const std::string& sender = body["sender"].get_ref<const std::string&>();
    const std::string& message = body["message"].get_ref<const std::string&>();
    if (sender.size() > kMaxSender) return JsonError(400, "'sender' is too long");
    if (message.size() > kMaxMessage) return JsonError(413, "'message' is too long");

    Activity in = ChannelActivity("rest", sender, "", message);
    Reply reply;
    Status s = services_.turns->Run(in, &reply);
    if (!s.ok()) return JsonError(500, "the turn failed; please try again");
    HttpResponse r;
    r.body = Render(reply, sender).dump();
    return r;
  }

 private:
  static json Render(const Reply& reply, const std::string& sender) {
    json out = json::array();
    for (const std::string& m : reply.messages) {
      out.push_back({{"recipient_id", sender}, {"text", m}});
    }
    if (out.empty()) out.push_back({{"recipient_id", sender}, {"text", ""}});
    json& last = out.back();
    if (!reply.quick_replies.empty()) {
      json buttons = json::array();
      for (const QuickReply& q : reply.quick_replies) {
        buttons.push_back({{"title", q.title}, {"payload", q.payload}});
      }
      last["buttons"] = std::move(buttons);
    }
    json custom = {{"expecting", reply.expecting.empty() ? json() : json(reply.expecting)}};
    if (reply.triage) {
      custom["triage"] = {{"level", std::string(TriageName(reply.triage->level))},
                          {"reasons", reply.triage->reasons}};
    }
    if (reply.scope != Scope::kUnset) custom["scope"] = std::string(ScopeName(reply.scope));
    if (reply.ended) custom["ended"] = true;
    last["custom"] = std::move(custom);
    return out;
  }

  const std::string token_;
  const ChannelServices services_;
};

}  // namespace

Status MakeRestChannel(const Environment& env, const ChannelServices& services,
                       std::unique_ptr<Channel>* out) {
  std::optional<std::string> token = env("KNEEBOT_REST_TOKEN");
  *out = std::make_unique<RestChannel>(token.value_or(""), services);
  return Status::OK();
}

}  // namespace kneebot
