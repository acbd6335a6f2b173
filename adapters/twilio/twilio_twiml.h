// The TwiML answer to an inbound SMS (channels.md 2.3): Twilio sends each <Message> of
//   <?xml version="1.0" encoding="UTF-8"?><Response><Message>...</Message></Response>
// as one SMS to the sender. SMS shows no buttons, so the reply is its bubbles joined by
// blank lines, in order (an emergency's first bubble, naming the number to call, stays
// first), then its options as a numbered list ("1. Yes\n2. No"; a typed "2" picks the
// second, Activity::options_by_number). Past Twilio's 1600 characters a message the text
// is split, at a paragraph, line or word break when there is one.
#ifndef KNEEBOT_ADAPTERS_TWILIO_TWILIO_TWIML_H_
#define KNEEBOT_ADAPTERS_TWILIO_TWILIO_TWIML_H_

#include <string>
#include <string_view>

#include "bot/activity.h"

namespace kneebot {

inline constexpr size_t kTwilioMessageLimit = 1600;

// `reply` as TwiML; <Response/> when it has nothing to say.
std::string ReplyTwiml(const Reply& reply);

// <Response/>: Twilio sends nothing.
std::string EmptyTwiml();

// XML character data: & < > " ' escaped, and the control characters XML 1.0 cannot
// carry dropped (Twilio would refuse the whole document).
std::string XmlEscape(std::string_view text);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TWILIO_TWILIO_TWIML_H_
