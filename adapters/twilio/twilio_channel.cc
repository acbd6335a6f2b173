#include "adapters/twilio/twilio_channel.h"

#include <map>
#include <string>
#include <utility>

#include "adapters/channels.h"
#include "adapters/twilio/twilio_form.h"
#include "adapters/twilio/twilio_signature.h"
#include "adapters/twilio/twilio_twiml.h"

namespace kneebot {
namespace {

constexpr std::string_view kRoute = "/webhooks/twilio/webhook";
constexpr std::string_view kAuthToken = "KNEEBOT_TWILIO_AUTH_TOKEN";
constexpr std::string_view kPublicUrl = "KNEEBOT_PUBLIC_URL";

// Twilio's Body is at most 1600 characters; anything longer is not Twilio's.
constexpr size_t kMaxBody = 4 * 1600;

HttpResponse Twiml(std::string body) {
  HttpResponse r;
  r.content_type = "text/xml";
  r.body = std::move(body);
  return r;
}

class TwilioChannel final : public Channel {
 public:
  TwilioChannel(std::string token, std::string public_url, const ChannelServices& services)
      : token_(std::move(token)), public_url_(std::move(public_url)), services_(services) {}

  std::string_view name() const override { return "twilio"; }

  HttpResponse Handle(const HttpRequest& req, std::function<void()>*) override {
    if (req.path != kRoute) return JsonError(404, "no such route");
    if (req.method != "POST") return JsonError(405, "use POST");
    const FormParams params = ParseForm(req.body);
    std::string url = public_url_ + req.path;
    if (!req.query.empty()) url += "?" + req.query;
    if (!TwilioSignatureMatches(token_, url, params, req.Header("x-twilio-signature"))) {
      return JsonError(403, "missing or wrong X-Twilio-Signature");
    }
    const std::optional<std::string> from = FormValue(params, "From");
    const std::optional<std::string> sid = FormValue(params, "MessageSid");
    if (!from || from->empty() || !sid || sid->empty()) {
      return JsonError(400, "From and MessageSid are required");
    }
    std::string body = FormValue(params, "Body").value_or("");
    if (body.size() > kMaxBody) return JsonError(413, "Body is too long");

    if (!services_.replays->FirstTime("twilio:" + *sid)) return Twiml(EmptyTwiml());
    if (IsTwilioOptOut(body)) return Twiml(EmptyTwiml());

    Activity in = ChannelActivity("twilio", *from, *sid, std::move(body));
    in.options_by_number = true;  // the options are a numbered list: "2" picks the second
    Reply reply;
    // A 500 shows in Twilio's debugger and sends the fallback URL's answer, if any.
    if (!services_.turns->Run(in, &reply).ok()) return JsonError(500, "the turn failed");
    return Twiml(ReplyTwiml(reply));
  }

 private:
  const std::string token_;
  const std::string public_url_;  // no trailing '/'
  const ChannelServices services_;
};

}  // namespace

bool IsTwilioOptOut(std::string_view body) {
  // Twilio's default opt-out words (Advanced Opt-Out docs), only as the whole message:
  // "stop please" is not one (Twilio's own rule), surrounding blanks are ignored.
  const size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  body = body.substr(first, body.find_last_not_of(" \t\r\n") - first + 1);
  std::string word;
  for (char c : body) word += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  for (std::string_view keyword :
       {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}) {
    if (word == keyword) return true;
  }
  return false;
}

Status MakeTwilioChannel(const Environment& env, const ChannelServices& services,
                         std::unique_ptr<Channel>* out) {
  std::map<std::string, std::string> values;
  bool enabled = false;
  Status s = ReadChannelVariables(env, "twilio", {std::string(kAuthToken)},
                                  {std::string(kPublicUrl)}, &values, &enabled);
  if (!s.ok() || !enabled) return s;
  auto url = values.find(std::string(kPublicUrl));
  if (url == values.end()) {
    return Status::InvalidArgument("twilio channel: " + std::string(kPublicUrl) +
                                   " is not set (the channel's other variables are)");
  }
  std::string public_url = url->second;
  while (public_url.ends_with('/')) public_url.pop_back();
  if (!public_url.starts_with("https://") && !public_url.starts_with("http://")) {
    return Status::InvalidArgument("twilio channel: " + std::string(kPublicUrl) +
                                   " must be the http(s) URL Twilio calls");
  }
  *out = std::make_unique<TwilioChannel>(values[std::string(kAuthToken)],
                                         std::move(public_url), services);
  return Status::OK();
}

}  // namespace kneebot
