// libFuzzer target: what the API client reads from a server (apitypes.h): every answer type's
// fromJson, the lists of the list routes, and the error body of a failed call.
// Properties: never crash or hang; a refused answer is Corrupt with a message that names a
// field; an accepted plan survives toJson/fromJson unchanged; an error body always gives an
// ApiError with a code name and a message, and the server's code when it sent a known one.

#include <api/client/apitypes.h>

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace Kura::Api::Client;

namespace {

template <class T> void check(const Kura::Result<T> &result)
{
    if (!result
        && (result.error().code() != Kura::ErrorCode::Corrupt
            || !result.error().message().contains(QLatin1Char(':'))))
        std::abort();
}

template <class T> void readObject(const QJsonObject &json)
{
    check(T::fromJson(json));
}

template <class T> void readList(const QJsonObject &json, const char *key)
{
    check(listFromJson<T>(json, QString::fromLatin1(key)));
}

void checkPlanRoundTrip(const QJsonObject &json)
{
    const auto plan = PlanInfo::fromJson(json);
    if (!plan)
        return;
    PlanInfo editable = *plan;
    editable.summary.clear(); // read-only fields are not sent
    editable.maxGenerations = 0;
    const auto again = PlanInfo::fromJson(editable.toJson());
    if (!again || !(*again == editable))
        std::abort();
}

void checkError(const QByteArray &bytes)
{
    for (const int status : { 400, 404, 409, 500, 503 }) {
        const ApiError error = ApiError::fromHttp(status, bytes);
        if (error.httpStatus != status || error.message.isEmpty() || error.codeName.isEmpty())
            std::abort();
        // The server's code name when it sent one, else the name of the code used.
        const auto known = errorCodeFromName(error.codeName);
        if (known && *known != error.code)
            std::abort();
        (void)error.liftsAt();
        (void)error.problems();
        (void)error.toError();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    checkError(bytes);
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();
    readObject<Identity>(json);
    readObject<LoginResult>(json);
    readObject<ServerInfo>(json);
    readObject<UnprotectResult>(json);
    readObject<JobInfo>(json);
    readObject<GenerationInfo>(json);
    readObject<JobReport>(json);
    readObject<AlertInfo>(json);
    readObject<RegionInfo>(json);
    readObject<EnrollmentToken>(json);
    readObject<FolderListing>(json);
    readObject<GenerationSearch>(json);
    readObject<UsageReport>(json);
    readObject<DeleteServerResult>(json);
    readObject<ApiKeyInfo>(json);
    readObject<DrStatus>(json);
    readList<ServerInfo>(json, "servers");
    readList<JobInfo>(json, "jobs");
    readList<GenerationInfo>(json, "generations");
    readList<AlertInfo>(json, "alerts");
    readList<RegionInfo>(json, "regions");
    readList<EnrollmentToken>(json, "tokens");
    readList<RestoreTarget>(json, "targets");
    readList<ApiKeyInfo>(json, "apiKeys");
    checkPlanRoundTrip(json);
    checkPlanRoundTrip(json.value(QLatin1String("plan")).toObject());
    return 0;
}
