// The Twilio Programmable Messaging (SMS) channel (channels.md 2): the number's
// "A message comes in" webhook is POST <KNEEBOT_PUBLIC_URL>/webhooks/twilio/webhook.
//
//   KNEEBOT_TWILIO_AUTH_TOKEN   the account's primary Auth Token (signs the webhooks)
//   KNEEBOT_PUBLIC_URL          the base URL Twilio calls, e.g. https://bot.example.org
//                               (with the path prefix, if a proxy strips one)
//
// The signature covers the URL Twilio requested, which behind a proxy is not the one
// the server sees, hence KNEEBOT_PUBLIC_URL. With the token set the URL is required;
// the URL alone, being a general setting other channels may read, leaves the channel
// off.
//
// A bad or missing X-Twilio-Signature is a 403 and no turn. Twilio waits 15 s for the
// answer, so the turn runs inline and its reply goes back as TwiML (twilio_twiml.h).
// Answered with an empty <Response/> and no turn:
//   a MessageSid already taken (services.replays, "twilio:<sid>"): Twilio's retry;
//   an opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT,
//   the whole message, any case): Twilio itself confirms and blocks further messages,
//   so any reply of ours would be refused.
// HELP and INFO do run a turn: Twilio's own answer to them (on long codes) is about the
// messaging service, while someone texting a health line "HELP" mid-conversation needs
// the bot's answer; the bot's help intent says what it can do and asks its question
// again. START / UNSTOP / YES are ordinary messages ("yes" answers a question).
#ifndef KNEEBOT_ADAPTERS_TWILIO_TWILIO_CHANNEL_H_
#define KNEEBOT_ADAPTERS_TWILIO_TWILIO_CHANNEL_H_

#include <memory>
#include <string_view>

#include "adapters/channel.h"

namespace kneebot {

Status MakeTwilioChannel(const Environment& env, const ChannelServices& services,
                         std::unique_ptr<Channel>* out);

// True for a message that is only one of Twilio's default opt-out keywords.
bool IsTwilioOptOut(std::string_view body);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TWILIO_TWILIO_CHANNEL_H_
