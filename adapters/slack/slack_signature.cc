#include "adapters/slack/slack_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <cstdint>

namespace kneebot {

std::string SlackSignature(std::string_view secret, std::string_view timestamp,
                           std::string_view body) {
  std::string base;
  base.reserve(4 + timestamp.size() + body.size());
  base.append("v0:").append(timestamp).append(":").append(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac, &mac_len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "v0=";
  for (unsigned int i = 0; i < mac_len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

Status VerifySlackRequest(std::string_view secret, std::string_view timestamp,
                          std::string_view signature, std::string_view body, TimePoint now) {
  if (timestamp.empty() || signature.empty()) {
    return Status::Unauthenticated("missing X-Slack-Signature or X-Slack-Request-Timestamp");
  }
  // Unix seconds: digits only (from_chars would also take a sign), and few enough of
  // them that the arithmetic below cannot overflow.
  int64_t seconds = 0;
  const char* end = timestamp.data() + timestamp.size();
  if (timestamp.size() > 12 || timestamp.front() < '0' || timestamp.front() > '9' ||
      std::from_chars(timestamp.data(), end, seconds).ptr != end) {
    return Status::Unauthenticated("X-Slack-Request-Timestamp is not a Unix time");
  }
  const int64_t now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const int64_t skew = now_seconds > seconds ? now_seconds - seconds : seconds - now_seconds;
  if (skew > kSlackMaxClockSkew.count()) {
    return Status::Unauthenticated("X-Slack-Request-Timestamp is more than 5 minutes off");
  }
  const std::string expected = SlackSignature(secret, timestamp, body);
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Status::Unauthenticated("X-Slack-Signature does not match");
  }
  return Status::OK();
}

}  // namespace kneebot
