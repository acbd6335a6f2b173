// The channel registry: every chat platform kneebot speaks, one line each.
//
//   std::vector<std::unique_ptr<Channel>> enabled;
//   Status s = MakeEnabledChannels(AllChannels(), ProcessEnvironment(), services, &enabled);
//
// A channel is enabled when its variables are set; one set and another missing is an
// error naming the missing variable (the server then refuses to start). Values are
// secrets: never logged.
#ifndef KNEEBOT_ADAPTERS_CHANNELS_H_
#define KNEEBOT_ADAPTERS_CHANNELS_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/channel.h"

namespace kneebot {

// Makes the channel from the environment: *out stays null when the channel is not
// configured (disabled); an error names a missing or bad variable.
using ChannelFactory = Status (*)(const Environment& env, const ChannelServices& services,
                                  std::unique_ptr<Channel>* out);

struct ChannelRegistration {
  std::string_view name;
  ChannelFactory make;
};

// Every channel: adding one is one line in channels.cc.
std::vector<ChannelRegistration> AllChannels();

Status MakeEnabledChannels(const std::vector<ChannelRegistration>& registry,
                           const Environment& env, const ChannelServices& services,
                           std::vector<std::unique_ptr<Channel>>* out);

// Reads a channel's variables. None of `required` set: *enabled = false. All set:
// *enabled = true and their values (and the `optional` ones that are set) in *values.
// Some set: InvalidArgument "<channel> channel: <VARIABLE> is not set".
Status ReadChannelVariables(const Environment& env, std::string_view channel,
                            const std::vector<std::string>& required,
                            const std::vector<std::string>& optional,
                            std::map<std::string, std::string>* values, bool* enabled);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_CHANNELS_H_
