// Checks of the configuration both Meta channels read: the Graph API base URL (from
// KNEEBOT_GRAPH_API_URL or the default) and ids that go into its paths.
#ifndef KNEEBOT_ADAPTERS_META_GRAPH_CONFIG_H_
#define KNEEBOT_ADAPTERS_META_GRAPH_CONFIG_H_

#include <map>
#include <string>
#include <string_view>

#include "bot/status.h"

namespace kneebot::meta {

// The base URL without a trailing '/': KNEEBOT_GRAPH_API_URL from `values` when set,
// else kDefaultGraphApiUrl. InvalidArgument when it is not http(s)://.
Status GraphApiUrl(std::string_view channel, const std::map<std::string, std::string>& values,
                   std::string* out);

// True when `id` can be put in a URL path as is (letters, digits, '_', '-').
bool IsPathSafeId(std::string_view id);

// `s` percent-encoded for a query value (unreserved characters kept).
std::string QueryEscape(std::string_view s);

}  // namespace kneebot::meta

#endif  // KNEEBOT_ADAPTERS_META_GRAPH_CONFIG_H_
