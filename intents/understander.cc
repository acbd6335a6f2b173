// PLACEHOLDER until the matcher lands.
#include "intents/understander.h"
namespace kneebot {
Status Understander::Load(const std::string&, std::unique_ptr<Understander>*) {
  return Status::Unavailable("matcher not built yet");
}
}  // namespace kneebot
