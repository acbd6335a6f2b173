// Twilio's request signature (channels.md 2.2; twilio.com/docs/usage/webhooks/
// webhooks-security; twilio-python's request_validator.py):
//   X-Twilio-Signature = Base64(HMAC-SHA1(auth token,
//                               URL + name1 + value1 + name2 + value2 + ...))
// with the URL exactly as Twilio requested it (the public one, query included) and the
// decoded POST parameters sorted by name in byte order (a repeated name: its values
// sorted, exact duplicates once). Nothing time-bound is signed: replays are stopped by
// MessageSid, not here.
//
//   if (!TwilioSignatureMatches(token, "https://bot.example.org/webhooks/twilio/webhook",
//                               ParseForm(req.body), req.Header("x-twilio-signature")))
//     return 403;
#ifndef KNEEBOT_ADAPTERS_TWILIO_TWILIO_SIGNATURE_H_
#define KNEEBOT_ADAPTERS_TWILIO_TWILIO_SIGNATURE_H_

#include <string>
#include <string_view>

#include "adapters/twilio/twilio_form.h"

namespace kneebot {

// The signature of `url` with `params`, as Twilio computes it.
std::string TwilioSignature(std::string_view auth_token, std::string_view url,
                            const FormParams& params);

// Compares in constant time against the signature of `url` with its port removed and
// with the scheme's default port added, as Twilio's SDK does: SMS callbacks keep an
// explicit port, voice callbacks over HTTPS drop it.
bool TwilioSignatureMatches(std::string_view auth_token, std::string_view url,
                            const FormParams& params, std::string_view signature);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TWILIO_TWILIO_SIGNATURE_H_
