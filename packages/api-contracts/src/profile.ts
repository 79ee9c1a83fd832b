// Owned by the service-kit + profile-api issue: profile and profile-update schemas.
export {};
