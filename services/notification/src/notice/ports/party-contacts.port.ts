import type { OnModuleDestroy } from '@nestjs/common';
import { servicePrincipal, type PrincipalSigner } from '@mediation/auth';
import type { intakeV1 } from '@mediation/contracts';
import { createGrpcClient, type GrpcClient, type GrpcClientSettings } from '@mediation/service-kit';

/** The parties' mobile numbers, from intake, which keeps them sealed (a port: tests fake it). */
export interface PartyContactsPort {
  contacts(
    caseId: string,
    partyIds: readonly string[],
    purpose: string,
  ): Promise<intakeV1.GetPartyContactsResponse>;
}

const NOTIFICATION_PRINCIPAL = servicePrincipal('notification');

/** IntakeService.GetPartyContacts over gRPC, as this service (the one caller intake allows). */
export class GrpcPartyContacts implements PartyContactsPort, OnModuleDestroy {
  private readonly client: GrpcClient<'intake'>;

  constructor(address: string, signer: PrincipalSigner, settings?: GrpcClientSettings) {
    this.client = createGrpcClient('intake', address, { settings, signer });
  }

  contacts(caseId: string, partyIds: readonly string[], purpose: string) {
    return this.client.call(
      'getPartyContacts',
      { caseId, partyIds: [...partyIds], purpose },
      { principal: NOTIFICATION_PRINCIPAL },
    );
  }

  onModuleDestroy(): void {
    this.client.close();
  }
}
