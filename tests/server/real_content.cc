#include "tests/server/real_content.h"

#include <string>

namespace kneebot::test {

const RealContent& RealContent::Get() {
  static const RealContent* content = [] {
    auto* c = new RealContent();
    const std::string root = KNEEBOT_SOURCE_DIR;
    std::unique_ptr<Understander> u;
    c->status = Understander::Load(root + "/intents/data", &u);
    if (!c->status.ok()) return c;
    std::unique_ptr<DialogEngine> e;
    c->status = DialogEngine::Load({root + "/dialogs/data", "US"}, *u, &e);
    if (!c->status.ok()) return c;
    c->understander = std::move(u);
    c->engine = std::move(e);
    return c;
  }();
  return *content;
}

}  // namespace kneebot::test
