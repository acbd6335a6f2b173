// DirectLineTokens: the Direct Line secret check and conversation tokens.
//
//   DirectLineTokens tokens(secret, &clock, std::chrono::minutes(30));
//   if (tokens.IsSecret(bearer)) ...                        // master key
//   TimePoint expires;
//   std::string token = tokens.Issue(conversation_id, &expires);
//   DirectLineTokens::Claims claims;
//   switch (tokens.Verify(bearer, &claims)) { case kValid: ... }
//
// A token is "<conversationId>.<expiry unix seconds>.<mac>", mac =
// base64url(HMAC-SHA256(key, "kneebot-dl-v1|<conversationId>|<expiry>")), key =
// HMAC-SHA256(secret, "kneebot directline token key v1"): stateless, bound to
// one conversation, expiring, and not forgeable without the secret. MACs and
// the secret are compared in constant time (CRYPTO_memcmp). The secret itself
// is never stored, only values derived from it.
//
// Immutable after construction and safe for concurrent use.
#ifndef KNEEBOT_BOT_SERVER_DIRECT_LINE_TOKENS_H_
#define KNEEBOT_BOT_SERVER_DIRECT_LINE_TOKENS_H_

#include <array>
#include <chrono>
#include <string>
#include <string_view>

#include "bot/clock.h"

namespace kneebot {

class DirectLineTokens {
 public:
  enum class Check {
    kValid,
    kMalformed,     // not a token of this shape at all
    kBadSignature,  // well-formed but not signed with this secret
    kExpired,       // signed by us, past its expiry
  };
  struct Claims {
    std::string conversation_id;
    TimePoint expires;
  };

  // `clock` must outlive this object.
  DirectLineTokens(std::string_view secret, const Clock* clock,
                   std::chrono::seconds ttl);

  // `presented` is the secret. Constant time in the secret's content.
  bool IsSecret(std::string_view presented) const;

  // A token for `conversation_id` (lower-case hex, as the service makes them)
  // expiring ttl from now; *expires receives that time.
  std::string Issue(std::string_view conversation_id, TimePoint* expires) const;

  // Checks `token`; on kValid (and on kExpired) fills *claims.
  Check Verify(std::string_view token, Claims* claims) const;

  std::chrono::seconds ttl() const { return ttl_; }
  const Clock& clock() const { return *clock_; }

 private:
  std::string Mac(std::string_view conversation_id, long long expiry) const;

  std::array<unsigned char, 32> key_{};
  std::array<unsigned char, 32> secret_digest_{};
  const Clock* clock_;
  const std::chrono::seconds ttl_;
};

// True for the conversation ids this server issues: 1-64 characters of
// [0-9a-f]. Anything else in a URL path is refused before any lookup.
bool IsConversationId(std::string_view id);

}  // namespace kneebot

#endif  // KNEEBOT_BOT_SERVER_DIRECT_LINE_TOKENS_H_
