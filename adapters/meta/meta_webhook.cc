#include "adapters/meta/meta_webhook.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <optional>

namespace kneebot::meta {
namespace {

constexpr std::string_view kSha256Prefix = "sha256=";

bool SameBytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string HubSignature(std::string_view app_secret, std::string_view body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), app_secret.data(), static_cast<int>(app_secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &mac_len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kSha256Prefix);
  for (unsigned int i = 0; i < mac_len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

bool HubSignatureValid(std::string_view app_secret, std::string_view body,
                       std::string_view header) {
  if (header.substr(0, kSha256Prefix.size()) != kSha256Prefix) return false;
  // Meta sends lower-case hex; lower-casing what came is harmless (it is not secret)
  // and keeps an upper-case sender from failing for no reason.
  std::string received(header);
  for (char& c : received) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return SameBytes(received, HubSignature(app_secret, body));
}

HttpResponse AnswerVerifyHandshake(const HttpRequest& req, std::string_view verify_token) {
  const std::optional<std::string> mode = req.Query("hub.mode");
  const std::optional<std::string> token = req.Query("hub.verify_token");
  // The verify token is a shared secret too: compared in constant time.
  if (mode != "subscribe" || !token || !SameBytes(*token, verify_token)) {
    return JsonError(403, "verification failed");
  }
  std::optional<std::string> challenge = req.Query("hub.challenge");
  if (!challenge) return JsonError(400, "hub.challenge is missing");
  HttpResponse r;
  r.content_type = "text/plain";
  r.body = std::move(*challenge);
  return r;
}

}  // namespace kneebot::meta
