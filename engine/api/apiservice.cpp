#include "apiservice.h"

#include "private/routes.h"

namespace Kura::Api {

ApiService::ApiService(ApiContext context)
    : m_context(std::move(context))
{
    m_router.setAuthenticate([this](const ApiRequest &request) {
        return m_context.auth.authenticate(request.header("Authorization"));
    });
    Routes::addAuthRoutes(m_router, m_context);
    Routes::addServerRoutes(m_router, m_context);
    Routes::addProtectionRoutes(m_router, m_context);
    Routes::addJobRoutes(m_router, m_context);
    Routes::addReportRoutes(m_router, m_context);
    Routes::addAlertRoutes(m_router, m_context);
    Routes::addEnrollmentRoutes(m_router, m_context);
    Routes::addRestoreRoutes(m_router, m_context);
    Routes::addUsageRoutes(m_router, m_context);
    Routes::addAdminRoutes(m_router, m_context);
    Routes::addDrRoutes(m_router, m_context);
}

} // namespace Kura::Api
