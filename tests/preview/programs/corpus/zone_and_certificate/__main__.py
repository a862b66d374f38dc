import pulumi_aws as aws

zone = aws.route53.get_zone(name="example.com", private_zone=False)
certificate = aws.acm.get_certificate(domain="*.example.com", statuses=["ISSUED"], most_recent=True)
balancer = aws.lb.LoadBalancer("api", subnets=["subnet-0aaa", "subnet-0bbb"], internal=False)
group = aws.lb.TargetGroup("api", port=8080, protocol="HTTP", vpc_id="vpc-0123")
aws.lb.Listener(
    "https",
    load_balancer_arn=balancer.arn,
    port=443,
    protocol="HTTPS",
    ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificate_arn=certificate.arn,
    default_actions=[aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=group.arn)],
)
aws.route53.Record("api", zone_id=zone.zone_id, name=f"api.{zone.name}", type="CNAME", ttl=300, records=[balancer.dns_name])
