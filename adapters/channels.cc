#include "adapters/channels.h"

#include "adapters/messenger/messenger_channel.h"
#include "adapters/rest/rest_channel.h"
#include "adapters/slack/slack_channel.h"
#include "adapters/telegram/telegram_channel.h"
#include "adapters/twilio/twilio_channel.h"
#include "adapters/whatsapp/whatsapp_channel.h"

namespace kneebot {

std::vector<ChannelRegistration> AllChannels() {
  return {
      {"rest", &MakeRestChannel},
      {"telegram", &MakeTelegramChannel},
      {"whatsapp", &MakeWhatsAppChannel},
      {"messenger", &MakeMessengerChannel},
      {"slack", &MakeSlackChannel},
      {"twilio", &MakeTwilioChannel},
  };
}

Status MakeEnabledChannels(const std::vector<ChannelRegistration>& registry,
                           const Environment& env, const ChannelServices& services,
                           std::vector<std::unique_ptr<Channel>>* out) {
  for (const ChannelRegistration& r : registry) {
    std::unique_ptr<Channel> channel;
    Status s = r.make(env, services, &channel);
    if (!s.ok()) return s;
    if (channel == nullptr) continue;
    if (channel->name() != r.name) {
      return Status::Internal("channel '" + std::string(r.name) + "' calls itself '" +
                              std::string(channel->name()) + "'");
    }
    out->push_back(std::move(channel));
  }
  return Status::OK();
}

Status ReadChannelVariables(const Environment& env, std::string_view channel,
                            const std::vector<std::string>& required,
                            const std::vector<std::string>& optional,
                            std::map<std::string, std::string>* values, bool* enabled) {
  std::vector<std::string> missing;
  for (const std::string& name : required) {
    std::optional<std::string> v = env(name);
    if (v && !v->empty()) {
      (*values)[name] = *v;
    } else {
      missing.push_back(name);
    }
  }
  *enabled = missing.empty();
  if (!missing.empty() && missing.size() < required.size()) {
    values->clear();
    return Status::InvalidArgument(std::string(channel) + " channel: " + missing.front() +
                                   " is not set (the channel's other variables are)");
  }
  if (!*enabled) {
    values->clear();
    return Status::OK();
  }
  for (const std::string& name : optional) {
    std::optional<std::string> v = env(name);
    if (v && !v->empty()) (*values)[name] = *v;
  }
  return Status::OK();
}

}  // namespace kneebot
