# The ledger API. Restores with --locked-mode so the image is built from exactly the committed lock files.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Acgs.sln ./
COPY src/ src/
RUN dotnet restore src/Api/Acgs.Api.csproj --locked-mode
RUN dotnet publish src/Api/Acgs.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8011
EXPOSE 8011
ENTRYPOINT ["dotnet", "Acgs.Api.dll"]
