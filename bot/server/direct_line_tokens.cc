#include "bot/server/direct_line_tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <stdexcept>

namespace kneebot {
namespace {

constexpr std::string_view kKeyLabel = "kneebot directline token key v1";
constexpr std::string_view kMacPrefix = "kneebot-dl-v1|";
constexpr size_t kMaxConversationId = 64;
// 2^40 seconds is far beyond any expiry; bounds the digits parsed.
constexpr size_t kMaxExpiryDigits = 12;

std::array<unsigned char, 32> HmacSha256(const unsigned char* key,
                                         size_t key_len,
                                         std::string_view data) {
  std::array<unsigned char, 32> out{};
  unsigned int len = 0;
  // HMAC() with a key of length 0 needs a non-null pointer on some versions.
  static const unsigned char kEmpty = 0;
  if (HMAC(EVP_sha256(), key_len ? key : &kEmpty, static_cast<int>(key_len),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           out.data(), &len) == nullptr ||
      len != out.size()) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return out;
}

std::string Base64Url(const unsigned char* data, size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((n * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (n - i == 1) {
    unsigned v = data[i] << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
  } else if (n - i == 2) {
    unsigned v = (data[i] << 16) | (data[i + 1] << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

long long ToUnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch())
      .count();
}

}  // namespace

bool IsConversationId(std::string_view id) {
  if (id.empty() || id.size() > kMaxConversationId) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

DirectLineTokens::DirectLineTokens(std::string_view secret, const Clock* clock,
                                   std::chrono::seconds ttl)
    : clock_(clock), ttl_(ttl) {
  key_ = HmacSha256(reinterpret_cast<const unsigned char*>(secret.data()),
                    secret.size(), kKeyLabel);
  // The secret is compared as its MAC under the derived key: fixed length, so
  // the comparison reveals neither content nor length.
  secret_digest_ = HmacSha256(key_.data(), key_.size(), secret);
}

bool DirectLineTokens::IsSecret(std::string_view presented) const {
  auto digest = HmacSha256(key_.data(), key_.size(), presented);
  return CRYPTO_memcmp(digest.data(), secret_digest_.data(), digest.size()) ==
         0;
}

std::string DirectLineTokens::Mac(std::string_view conversation_id,
                                  long long expiry) const {
  std::string data(kMacPrefix);
  data += conversation_id;
  data += '|';
  data += std::to_string(expiry);
  auto mac = HmacSha256(key_.data(), key_.size(), data);
  return Base64Url(mac.data(), mac.size());
}

std::string DirectLineTokens::Issue(std::string_view conversation_id,
                                    TimePoint* expires) const {
  // Rounded up to whole seconds, so expires_in reports the full ttl.
  TimePoint now = clock_->Now();
  long long expiry = ToUnixSeconds(now) + ttl_.count();
  if (TimePoint(std::chrono::seconds(ToUnixSeconds(now))) < now) ++expiry;
  if (expires != nullptr) {
    *expires = TimePoint(std::chrono::seconds(expiry));
  }
  std::string token(conversation_id);
  token += '.';
  token += std::to_string(expiry);
  token += '.';
  token += Mac(conversation_id, expiry);
  return token;
}

DirectLineTokens::Check DirectLineTokens::Verify(std::string_view token,
                                                 Claims* claims) const {
  size_t first = token.find('.');
  if (first == std::string_view::npos) return Check::kMalformed;
  size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return Check::kMalformed;
  std::string_view id = token.substr(0, first);
  std::string_view expiry_text = token.substr(first + 1, second - first - 1);
  std::string_view mac = token.substr(second + 1);
  if (!IsConversationId(id) || expiry_text.empty() ||
      expiry_text.size() > kMaxExpiryDigits || expiry_text[0] == '0') {
    return Check::kMalformed;
  }
  long long expiry = 0;
  auto [end, ec] = std::from_chars(
      expiry_text.data(), expiry_text.data() + expiry_text.size(), expiry);
  if (ec != std::errc() || end != expiry_text.data() + expiry_text.size()) {
    return Check::kMalformed;
  }
  // Recompute from the parsed values, so "0123" and "123" can never both pass.
  std::string expected = Mac(id, expiry);
  if (mac.size() != expected.size() ||
      CRYPTO_memcmp(mac.data(), expected.data(), expected.size()) != 0) {
    return Check::kBadSignature;
  }
  claims->conversation_id = std::string(id);
  claims->expires = TimePoint(std::chrono::seconds(expiry));
  if (clock_->Now() >= claims->expires) return Check::kExpired;
  return Check::kValid;
}

}  // namespace kneebot
