// The Graph-webhook mechanics WhatsApp and Messenger share (shared/channels.md §5.1):
// the GET verify handshake and the X-Hub-Signature-256 check of every POST.
//
//   if (req.method == "GET") return meta::AnswerVerifyHandshake(req, verify_token);
//   if (!meta::HubSignatureValid(app_secret, req.body, req.Header("x-hub-signature-256")))
//     return JsonError(401, "bad signature");
#ifndef KNEEBOT_ADAPTERS_META_META_WEBHOOK_H_
#define KNEEBOT_ADAPTERS_META_META_WEBHOOK_H_

#include <string>
#include <string_view>

#include "adapters/channel.h"

namespace kneebot::meta {

// Where both channels send replies unless KNEEBOT_GRAPH_API_URL says otherwise (a test
// server, or a newer API version).
inline constexpr std::string_view kDefaultGraphApiUrl = "https://graph.facebook.com/v21.0";

// "sha256=" + lower-case hex HMAC-SHA256(app_secret, body): the header Meta sends. The
// body must be the raw bytes received: Meta signs its \uXXXX escapes, not decoded text.
std::string HubSignature(std::string_view app_secret, std::string_view body);

// True when `header` (the X-Hub-Signature-256 value) is the body's signature. Compared
// in constant time, after a length check; hex case is ignored. Empty header: false.
bool HubSignatureValid(std::string_view app_secret, std::string_view body,
                       std::string_view header);

// The subscription handshake Meta sends when the callback URL is saved:
// ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<value> -> 200 with the
// challenge as a text/plain body; another mode or token -> 403; no challenge -> 400.
HttpResponse AnswerVerifyHandshake(const HttpRequest& req, std::string_view verify_token);

}  // namespace kneebot::meta

#endif  // KNEEBOT_ADAPTERS_META_META_WEBHOOK_H_
